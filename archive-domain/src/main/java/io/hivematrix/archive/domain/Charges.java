package io.hivematrix.archive.domain;

import java.util.Objects;

/** What a bill charges: its total and the total of each kind of charge, as exact money. */
public record Charges(Money total, Money userCharges, Money assetCharges, Money backupCharges, Money ticketCharges,
                      Money lineItemCharges) {
    public Charges {
        Objects.requireNonNull(total, "total amount");
        Objects.requireNonNull(userCharges, "total user charges");
        Objects.requireNonNull(assetCharges, "total asset charges");
        Objects.requireNonNull(backupCharges, "total backup charges");
        Objects.requireNonNull(ticketCharges, "total ticket charges");
        Objects.requireNonNull(lineItemCharges, "total line item charges");
    }
}
