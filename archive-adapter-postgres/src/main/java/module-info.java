/**
 * PostgreSQL adapter: the stores talk to the database through Helidon DbClient over a HikariCP pool, and in plain
 * JDBC only on their measured hot paths (through one helper, HotPathJdbc) and for backups (COPY); owns the Flyway
 * migrations.
 */
module io.hivematrix.archive.adapter.postgres {
    requires io.hivematrix.archive.application;
    requires io.helidon.dbclient;
    requires io.helidon.dbclient.jdbc;
    requires io.helidon.common.config;
    requires com.zaxxer.hikari;
    requires com.github.benmanes.caffeine; // the texts known to be common (CompanyAccounts)
    requires java.sql;
    requires org.postgresql.jdbc; // the hot paths plan one statement per execution (PGStatement); COPY for backups
    requires flyway.core; // Flyway names no module: its jar file name gives this one
    requires com.fasterxml.jackson.databind; // a backup's manifest.json

    exports io.hivematrix.archive.adapter.postgres;
    // Backup and restore are operator commands, started only from the command line.
    exports io.hivematrix.archive.adapter.postgres.backup to io.hivematrix.archive.cli;
    // Jackson reads and writes the manifest records by reflection.
    opens io.hivematrix.archive.adapter.postgres.backup to com.fasterxml.jackson.databind;
}
