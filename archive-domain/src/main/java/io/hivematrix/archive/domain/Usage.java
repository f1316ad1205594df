package io.hivematrix.archive.domain;

import java.math.BigDecimal;

/** What a company used in the period: how many users and assets were billed, and the billable hours. */
public record Usage(int userCount, int assetCount, BigDecimal billableHours) {
    public Usage {
        Snapshot.requireCount(userCount, "user count");
        Snapshot.requireCount(assetCount, "asset count");
        billableHours = Decimal.requireNonNegative(billableHours, "billable hours");
    }

    /** The usage of a bill's field values. */
    public static Usage of(BillValues v) {
        return new Usage(v.get(BillFields.USER_COUNT), v.get(BillFields.ASSET_COUNT), v.get(BillFields.BILLABLE_HOURS));
    }
}
