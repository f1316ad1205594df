/** Small HTTP helpers shared by the routes, the security filters and the web pages. */
package io.hivematrix.archive.adapter.rest.http;
