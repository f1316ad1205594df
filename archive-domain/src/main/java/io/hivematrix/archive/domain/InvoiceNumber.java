package io.hivematrix.archive.domain;

/** The invoice number that identifies one archived bill, e.g. {@code 620547-202510}. */
public record InvoiceNumber(String value) {
    public InvoiceNumber {
        Identifier.require(value, "invoice number");
    }

    @Override
    public String toString() {
        return value;
    }
}
