/**
 * Incoming HTTP adapter on Helidon 4 SE. {@link io.hivematrix.archive.adapter.rest.ArchiveHttp} registers
 * every route (also under {@code /archive}); requests are parsed here, handed to an in-port, and the
 * result is mapped to a status and a body in one place per resource; every error is problem+json.
 * Sub-packages by concern: {@code routes}, {@code security}, {@code problems}, {@code observe}, {@code web},
 * {@code listener} (below the routes), {@code json} and {@code http} (shared helpers).
 */
package io.hivematrix.archive.adapter.rest;
