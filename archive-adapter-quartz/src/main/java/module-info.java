/** Quartz trigger in a clustered JDBC job store that starts the monthly run (filled by a later issue). */
module io.hivematrix.archive.adapter.quartz {
    requires io.hivematrix.archive.application;
    exports io.hivematrix.archive.adapter.quartz;
}
