/**
 * Incoming scheduling adapter: keeps one Quartz trigger, in a clustered JDBC job store on the
 * archive's PostgreSQL, in step with the configured schedule policy, and calls the application's
 * scheduled-run use case when it fires, so each scheduled month runs once across all instances.
 */
package io.hivematrix.archive.adapter.quartz;
