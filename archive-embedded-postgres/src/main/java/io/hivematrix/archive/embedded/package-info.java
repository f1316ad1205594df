/**
 * The embedded PostgreSQL: {@link io.hivematrix.archive.embedded.EmbeddedDatabase} starts it in the data directory
 * and names how each role connects, {@link io.hivematrix.archive.embedded.EmbeddedSupervisor} starts it again after a
 * crash, {@link io.hivematrix.archive.embedded.RunningEmbeddedServer} finds one a running service started, and
 * {@link io.hivematrix.archive.embedded.OwnerOnly} keeps secrets' files to their owner.
 */
package io.hivematrix.archive.embedded;
