package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bill's field table: its order (the fingerprint's), each field's rule and default, and what it refuses. */
class BillFieldsTest {
    @Test
    void theTable_listsEveryFieldOnce_inTheFingerprintsOrder_eachAtItsIndex() {
        assertEquals(List.of("billing_plan", "contract_term", "support_level", "total_amount", "total_user_charges",
                        "total_asset_charges", "total_backup_charges", "total_ticket_charges", "total_line_item_charges",
                        "user_count", "asset_count", "billable_hours"),
                BillFields.ALL.stream().map(BillField::name).toList());
        for (int i = 0; i < BillFields.ALL.size(); i++) {
            assertEquals(i, BillFields.ALL.get(i).index());
            assertEquals(1, BillFields.ALL.get(i).version(), "v1's fields, in v1's fixed part");
        }
    }

    @Test
    void eachField_readsItsValueFromTheBill() {
        Snapshot bill = new SnapshotBuilder().build();
        BillValues values = new BillValues();
        for (BillField<?, ?> field : BillFields.ALL) {
            copy(field, bill, values);
        }
        assertEquals(bill.terms(), Terms.of(values));
        assertEquals(bill.charges(), Charges.of(values));
        assertEquals(bill.usage(), Usage.of(values));
    }

    @Test
    void anAbsentValue_isAnErrorOfTheCaller_theKindsDefault_orNull_asTheFieldSays() {
        assertEquals(Money.ZERO, BillFields.TOTAL_USER_CHARGES.check(null));
        assertEquals(0, BillFields.USER_COUNT.check(null));
        assertEquals(BigDecimal.ZERO, BillFields.BILLABLE_HOURS.check(null));
        assertNull(BillFields.SUPPORT_LEVEL.check(null));
        assertEquals(BillField.Presence.REQUIRED, BillFields.TOTAL_AMOUNT.presence());
        assertEquals(Money.of("12.50"), BillFields.TOTAL_AMOUNT.check(new BigDecimal("12.5")));
    }

    @Test
    void aValue_isCheckedByItsKindsRule_namingTheFieldInWords() {
        assertEquals("user count must not be negative",
                assertThrows(IllegalArgumentException.class, () -> BillFields.USER_COUNT.check(-1)).getMessage());
        assertEquals("billable hours must not be negative", assertThrows(IllegalArgumentException.class,
                () -> BillFields.BILLABLE_HOURS.check(new BigDecimal("-0.5"))).getMessage());
        assertEquals("support level must be at most " + Text.SHORT + " characters", assertThrows(
                IllegalArgumentException.class, () -> BillFields.SUPPORT_LEVEL.check("x".repeat(Text.SHORT + 1)))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> BillFields.TOTAL_ASSET_CHARGES.check(new BigDecimal("0.001")));
        assertEquals(new BigDecimal("2.5"), BillFields.BILLABLE_HOURS.check(new BigDecimal("2.500")));
    }

    @Test
    void aFieldAddedLater_mustBeOptional_andCannotTakeTheSubmittersVersion() {
        assertThrows(IllegalArgumentException.class, () -> new BillField<>(99, "late_fee", FieldKind.MONEY,
                BillField.Presence.DEFAULTED, s -> Money.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> new BillField<>(99, "late_fee", FieldKind.MONEY,
                BillField.Presence.OPTIONAL, s -> null, 2));
        assertThrows(IllegalArgumentException.class, () -> new BillField<>(99, "late_fee", FieldKind.MONEY,
                BillField.Presence.OPTIONAL, s -> null, 0));
        assertEquals(3, new BillField<>(99, "late_fee", FieldKind.MONEY, BillField.Presence.OPTIONAL, s -> null, 3)
                .version());
    }

    @Test
    void theValues_holdEachFieldsOwnType() {
        BillValues values = new BillValues().put(BillFields.USER_COUNT, 3);
        assertEquals(3, values.get(BillFields.USER_COUNT));
        assertNull(values.get(BillFields.ASSET_COUNT));
        @SuppressWarnings({"unchecked", "rawtypes"})
        BillField<?, Object> untyped = (BillField) BillFields.USER_COUNT;
        assertThrows(ClassCastException.class, () -> values.put(untyped, "three"));
    }

    private static <T> void copy(BillField<?, T> field, Snapshot bill, BillValues into) {
        into.put(field, field.of(bill));
    }
}
