/**
 * PostgreSQL adapter: {@link io.hivematrix.archive.adapter.postgres.PostgresDatabase} owns the
 * pool, the Flyway migrations and the DbClient; the stores implement the application's out-ports,
 * with their SQL in one place each.
 */
package io.hivematrix.archive.adapter.postgres;
