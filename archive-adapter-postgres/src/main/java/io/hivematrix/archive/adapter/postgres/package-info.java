/**
 * PostgreSQL adapter: {@link io.hivematrix.archive.adapter.postgres.PostgresDatabase} owns the pool, the Flyway
 * migrations and the DbClient; the stores implement the application's out-ports through DbClient, with their SQL in
 * one {@code …Sql} class each and one row mapper per table (the bill's and the chain's tables in {@code …Rows}
 * classes, which read DbClient rows and JDBC result sets alike; the others beside their only store). Plain JDBC only
 * where a measurement showed DbClient too slow or unable (arrays, fetch sizes, per-execution plans), always through
 * {@code HotPathJdbc}, each use saying what was measured.
 */
package io.hivematrix.archive.adapter.postgres;
