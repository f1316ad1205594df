/** Who may call: bearer-token authentication against Core's keys, the caller it yields, per-route access, and the guards against cross-site writes and non-JSON bodies. */
package io.hivematrix.archive.adapter.rest.security;
