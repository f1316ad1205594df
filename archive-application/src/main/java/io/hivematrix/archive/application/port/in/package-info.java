/** Incoming ports: one interface per use case, with its command and its sealed result. */
package io.hivematrix.archive.application.port.in;
