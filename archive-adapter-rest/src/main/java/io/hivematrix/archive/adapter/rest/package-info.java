/**
 * Incoming HTTP adapter on Helidon 4 SE. {@link io.hivematrix.archive.adapter.rest.ArchiveHttp} registers
 * every route (also under {@code /archive}); requests are parsed here, handed to an in-port, and the
 * result is mapped to a status and a body in one place per resource; every error is problem+json.
 */
package io.hivematrix.archive.adapter.rest;
