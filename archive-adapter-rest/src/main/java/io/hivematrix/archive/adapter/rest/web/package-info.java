/** The browser-facing pages: the web UI's static files and the OpenAPI document. */
package io.hivematrix.archive.adapter.rest.web;
