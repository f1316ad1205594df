/** PostgreSQL adapter: stores snapshots through Helidon DbClient over a HikariCP pool; owns the Flyway migrations. */
module io.hivematrix.archive.adapter.postgres {
    requires io.hivematrix.archive.application;
    requires io.helidon.dbclient;
    requires io.helidon.dbclient.jdbc;
    requires io.helidon.common.config;
    requires com.zaxxer.hikari;
    requires java.sql;
    requires org.postgresql.jdbc; // to plan one statement per execution (PGStatement)
    requires flyway.core; // Flyway names no module: its jar file name gives this one

    exports io.hivematrix.archive.adapter.postgres;
}
