/** The large-data tools bench/large drives: a COPY loader of realistic snapshots, search terms, plain SQL. */
package io.hivematrix.archive.bench.data;
