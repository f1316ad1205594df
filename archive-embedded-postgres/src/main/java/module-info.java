/** Embedded PostgreSQL: the server Archive runs in its data directory when no external database is named. */
module io.hivematrix.archive.embedded {
    requires transitive io.hivematrix.archive.adapter.postgres; // DatabaseSettings is part of this module's API
    requires io.hivematrix.archive.keyfiles; // the data directory and password files are the owner's alone
    requires java.sql; // the server is ready when it answers a query, not when its port opens
    requires embedded.postgres; // the zonky jar names no module: its file name gives this one

    exports io.hivematrix.archive.embedded;
}
