/**
 * The embedded PostgreSQL: {@link io.hivematrix.archive.embedded.EmbeddedDatabase} starts it in the data directory
 * and names how each role connects, {@link io.hivematrix.archive.embedded.EmbeddedSupervisor} starts it again after a
 * crash, and {@link io.hivematrix.archive.embedded.RunningEmbeddedServer} finds one a running service started.
 */
package io.hivematrix.archive.embedded;
