/** Benchmark tools that bench/run drives; measurement only, never part of the service. */
package io.hivematrix.archive.bench;
