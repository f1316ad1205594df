/** Quartz trigger in a clustered JDBC job store that starts the monthly run, once per period across instances. */
module io.hivematrix.archive.adapter.quartz {
    requires io.hivematrix.archive.application;
    requires org.quartz;
    requires java.sql;

    exports io.hivematrix.archive.adapter.quartz;
}
