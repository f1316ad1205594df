/**
 * Boot: {@link io.hivematrix.archive.boot.Main} parses the command line, {@link io.hivematrix.archive.boot.ArchiveSettings}
 * reads the configuration once, {@link io.hivematrix.archive.boot.EmbeddedDatabase} starts PostgreSQL when no URL is
 * given, and {@link io.hivematrix.archive.boot.Wiring} connects adapters to use cases.
 */
package io.hivematrix.archive.boot;
