package io.hivematrix.archive.domain;

import java.util.Objects;

/**
 * What a snapshot job achieved for one company.
 *
 * @param companyName the name Codex gave, when it gave one
 * @param detail      what happened, e.g. Ledger's answer or the error; optional
 * @param attempts    how many calls were made; 0 when the company needed none (e.g. already archived)
 */
public record CompanyOutcome(AccountNumber account, String companyName, boolean success, String detail, int attempts) {
    public CompanyOutcome {
        Objects.requireNonNull(account, "account");
        Text.optional(companyName, Text.NAME, "company name");
        Text.optional(detail, Text.DESCRIPTION, "detail");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }
}
