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

    /** The charges of a bill's field values. */
    public static Charges of(BillValues v) {
        return new Charges(v.get(BillFields.TOTAL_AMOUNT), v.get(BillFields.TOTAL_USER_CHARGES),
                v.get(BillFields.TOTAL_ASSET_CHARGES), v.get(BillFields.TOTAL_BACKUP_CHARGES),
                v.get(BillFields.TOTAL_TICKET_CHARGES), v.get(BillFields.TOTAL_LINE_ITEM_CHARGES));
    }
}
