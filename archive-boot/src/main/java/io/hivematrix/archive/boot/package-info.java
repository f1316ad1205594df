/**
 * Boot: {@link io.hivematrix.archive.boot.Main} parses the command line, {@link io.hivematrix.archive.boot.ArchiveSettings}
 * reads the configuration once, {@link io.hivematrix.archive.boot.ArchiveDatabase} opens the external database or
 * starts the embedded one, and {@link io.hivematrix.archive.boot.Wiring} connects adapters to use cases.
 */
package io.hivematrix.archive.boot;
