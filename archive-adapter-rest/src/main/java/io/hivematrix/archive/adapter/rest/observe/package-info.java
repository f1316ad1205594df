/** What operations see: health and metrics routes, readiness checks, the correlation id, and the per-request log line and its buffered writer. */
package io.hivematrix.archive.adapter.rest.observe;
