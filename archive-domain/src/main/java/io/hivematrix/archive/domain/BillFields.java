package io.hivematrix.archive.domain;

import static io.hivematrix.archive.domain.BillField.Presence.DEFAULTED;
import static io.hivematrix.archive.domain.BillField.Presence.OPTIONAL;
import static io.hivematrix.archive.domain.BillField.Presence.REQUIRED;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The bill's field table: every scalar field of {@link Terms}, {@link Charges} and {@link Usage}, once, in the order
 * of the record fingerprint. The body reader, the bill's JSON view, the SQL and the fingerprint all walk this list,
 * so a new field is a migration, its part, one entry here (and in {@link #ALL}) and the OpenAPI schemas.
 *
 * <p>A field added later is {@link BillField.Presence#OPTIONAL}, goes at the end and names the fingerprint version
 * it brings (3 and up: 2 is {@code submitted_by}'s), so that every bill without it still hashes as it was sealed.
 */
public final class BillFields {
    private static int next; // each field's index in ALL: fields are created in the order ALL lists them

    public static final BillField<String, String> BILLING_PLAN = text("billing_plan", s -> s.terms().billingPlan());
    public static final BillField<String, String> CONTRACT_TERM =
            text("contract_term", s -> s.terms().contractTerm());
    public static final BillField<String, String> SUPPORT_LEVEL =
            text("support_level", s -> s.terms().supportLevel());
    public static final BillField<BigDecimal, Money> TOTAL_AMOUNT =
            field("total_amount", FieldKind.MONEY, REQUIRED, s -> s.charges().total(), 1);
    public static final BillField<BigDecimal, Money> TOTAL_USER_CHARGES =
            money("total_user_charges", s -> s.charges().userCharges());
    public static final BillField<BigDecimal, Money> TOTAL_ASSET_CHARGES =
            money("total_asset_charges", s -> s.charges().assetCharges());
    public static final BillField<BigDecimal, Money> TOTAL_BACKUP_CHARGES =
            money("total_backup_charges", s -> s.charges().backupCharges());
    public static final BillField<BigDecimal, Money> TOTAL_TICKET_CHARGES =
            money("total_ticket_charges", s -> s.charges().ticketCharges());
    public static final BillField<BigDecimal, Money> TOTAL_LINE_ITEM_CHARGES =
            money("total_line_item_charges", s -> s.charges().lineItemCharges());
    public static final BillField<Integer, Integer> USER_COUNT =
            field("user_count", FieldKind.COUNT, DEFAULTED, s -> s.usage().userCount(), 1);
    public static final BillField<Integer, Integer> ASSET_COUNT =
            field("asset_count", FieldKind.COUNT, DEFAULTED, s -> s.usage().assetCount(), 1);
    public static final BillField<BigDecimal, BigDecimal> BILLABLE_HOURS =
            field("billable_hours", FieldKind.DECIMAL, DEFAULTED, s -> s.usage().billableHours(), 1);

    /** Every field, in fingerprint order: v1's fixed part first, then those added later, in the order added. */
    public static final List<BillField<?, ?>> ALL = List.of(BILLING_PLAN, CONTRACT_TERM, SUPPORT_LEVEL, TOTAL_AMOUNT,
            TOTAL_USER_CHARGES, TOTAL_ASSET_CHARGES, TOTAL_BACKUP_CHARGES, TOTAL_TICKET_CHARGES,
            TOTAL_LINE_ITEM_CHARGES, USER_COUNT, ASSET_COUNT, BILLABLE_HOURS);

    static {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).index() != i) {
                throw new ExceptionInInitializerError("BillFields.ALL must list the fields in the order declared");
            }
        }
    }

    private BillFields() {
    }

    private static BillField<String, String> text(String name, Function<Snapshot, String> value) {
        return field(name, FieldKind.TEXT, OPTIONAL, value, 1);
    }

    private static BillField<BigDecimal, Money> money(String name, Function<Snapshot, Money> value) {
        return field(name, FieldKind.MONEY, DEFAULTED, value, 1);
    }

    private static <R, T> BillField<R, T> field(String name, FieldKind<R, T> kind, BillField.Presence presence,
                                                Function<Snapshot, T> value, int version) {
        return new BillField<>(next++, name, kind, presence, value, version);
    }
}
