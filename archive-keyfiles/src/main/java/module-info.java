/** Key files: secrets kept in files readable by their owner only (made, checked, and the log key read from one). */
module io.hivematrix.archive.keyfiles {
    requires io.hivematrix.archive.domain;

    exports io.hivematrix.archive.keyfiles;
}
