/** The API's routes, one class per resource, and the request and response shapes they read and write. */
package io.hivematrix.archive.adapter.rest.routes;
