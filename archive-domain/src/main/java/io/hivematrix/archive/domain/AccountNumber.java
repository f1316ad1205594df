package io.hivematrix.archive.domain;

/** A company's account number as Codex and Ledger know it, e.g. {@code 620547}. */
public record AccountNumber(String value) {
    public AccountNumber {
        Identifier.require(value, "account number");
    }

    @Override
    public String toString() {
        return value;
    }
}
