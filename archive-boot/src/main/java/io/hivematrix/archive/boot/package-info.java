/**
 * Boot: {@link io.hivematrix.archive.boot.ArchiveSettings} reads the configuration once,
 * {@link io.hivematrix.archive.boot.ArchiveDatabase} opens the external database or starts the embedded one,
 * {@link io.hivematrix.archive.boot.Wiring} connects adapters to use cases and
 * {@link io.hivematrix.archive.boot.RunningArchive} starts and stops them; the command line ({@code archive-cli})
 * drives it.
 */
package io.hivematrix.archive.boot;
