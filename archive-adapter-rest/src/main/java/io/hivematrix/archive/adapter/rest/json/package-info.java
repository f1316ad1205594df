/** JSON in and out: the shared mapper with its limits, and the canonical form snapshot bodies are stored and hashed in. */
package io.hivematrix.archive.adapter.rest.json;
