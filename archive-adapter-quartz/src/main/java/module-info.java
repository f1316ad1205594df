/** Quartz trigger in a clustered JDBC job store that starts the monthly run (filled by a later issue). */
module io.hivematrix.archive.adapter.quartz {
    requires io.hivematrix.archive.application;
    // Nothing to export yet: the package-info documents the role this module fills in a later issue.
}
