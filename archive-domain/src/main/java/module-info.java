/** The pure billing-archive model: validated values and immutable records, nothing but java.base. */
module io.hivematrix.archive.domain {
    exports io.hivematrix.archive.domain;
}
