/** Below the routes: the answers Helidon's listener gives before a request reaches them, and the guard that closes connections of clients too slow to finish a request or read a response. */
package io.hivematrix.archive.adapter.rest.listener;
