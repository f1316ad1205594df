/** Outgoing ports, named by the role the application needs filled (a store, a directory, a gateway). */
package io.hivematrix.archive.application.port.out;
