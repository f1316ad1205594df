/**
 * In-memory implementations of the out-ports: real, thread-safe code used by the other modules'
 * tests (and checked by the same contract tests as the real adapters), never wired in production.
 */
package io.hivematrix.archive.testkit;
