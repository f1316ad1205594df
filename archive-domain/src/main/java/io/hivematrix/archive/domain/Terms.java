package io.hivematrix.archive.domain;

/** The terms a company is billed under, as Ledger names them; each may be absent. */
public record Terms(String billingPlan, String contractTerm, String supportLevel) {
    public Terms {
        Text.optional(billingPlan, Text.SHORT, "billing plan");
        Text.optional(contractTerm, Text.SHORT, "contract term");
        Text.optional(supportLevel, Text.SHORT, "support level");
    }

    /** The terms of a bill's field values. */
    public static Terms of(BillValues v) {
        return new Terms(v.get(BillFields.BILLING_PLAN), v.get(BillFields.CONTRACT_TERM),
                v.get(BillFields.SUPPORT_LEVEL));
    }
}
