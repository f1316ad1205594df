package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Record fingerprints of stored snapshots were computed over one text, hashed whole; the audit chain recomputes them,
 * so hashing piece by piece must give exactly the same digest.
 */
class ContentHashTest {
    @Test
    void theSampleSnapshot_keepsTheFingerprintItAlwaysHad() {
        assertEquals(reference(new SnapshotBuilder().build()), ContentHash.of(new SnapshotBuilder().build()));
        assertEquals("1bcc1680a23b009681bd1e14ad72fee84693c8e52c52198c3b8653dd7d6f827e", ContentHash.of(new SnapshotBuilder().build()));
    }

    @Test
    void anOldShapeRecord_withoutSubmitter_hashesExactlyAsBeforeSubmittersWereRecorded() {
        // The pinned digest above was computed before submitted_by existed: it is what the chain sealed.
        Snapshot old = new SnapshotBuilder().build();
        assertEquals(null, old.submittedBy());
        assertEquals("1bcc1680a23b009681bd1e14ad72fee84693c8e52c52198c3b8653dd7d6f827e", old.recordSha256());
        assertEquals(reference(old), old.recordSha256());
    }

    @Test
    void aRecordWithSubmitter_isTheV1EncodingUnderTheV2Tag_withTheSubmitterLast() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.submittedBy = "service:ledger";
        Snapshot snapshot = b.build();
        String v1Text = referenceText(new SnapshotBuilder().build());
        String v2Text = v1Text.replace("version:19:archive-snapshot-v1\n", "version:19:archive-snapshot-v2\n")
                + "submitted_by:14:service:ledger\n";
        assertEquals(whole(v2Text), ContentHash.of(snapshot));
        assertEquals("07f7beb1927d2a88f703a3d95e74d099848aac7670caa56564c10fbafa94db3d", ContentHash.of(snapshot));
    }

    @Test
    void aFieldAddedLater_isWrittenAfterTheSubmitter_underItsVersion_onlyWhenTheBillCarriesIt() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.submittedBy = "service:ledger";
        Snapshot snapshot = b.build();
        BillField<java.math.BigDecimal, Money> carried = new BillField<>(99, "late_fee", FieldKind.MONEY,
                BillField.Presence.OPTIONAL, s -> Money.of("12.5"), 3);
        BillField<java.math.BigDecimal, Money> absent = new BillField<>(98, "other_fee", FieldKind.MONEY,
                BillField.Presence.OPTIONAL, s -> null, 4);
        java.util.List<BillField<?, ?>> table = new java.util.ArrayList<>(BillFields.ALL);
        table.add(carried);
        table.add(absent);
        String v3Text = referenceText(new SnapshotBuilder().build())
                .replace("version:19:archive-snapshot-v1\n", "version:19:archive-snapshot-v3\n")
                + "submitted_by:14:service:ledger\n" + "late_fee:5:12.50\n";
        assertEquals(whole(v3Text), ContentHash.of(snapshot, table));
        table.remove(carried);
        assertEquals("07f7beb1927d2a88f703a3d95e74d099848aac7670caa56564c10fbafa94db3d",
                ContentHash.of(snapshot, table), "a bill without the later fields hashes as before they existed");
        assertEquals("1bcc1680a23b009681bd1e14ad72fee84693c8e52c52198c3b8653dd7d6f827e",
                ContentHash.of(new SnapshotBuilder().build(), table));
    }

    @Test
    void largeTextsWithPairsAcrossEveryChunkBoundary_hashAsTheWholeTextDid() {
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            SnapshotBuilder builder = new SnapshotBuilder();
            builder.billingData = "{\"t\":\"" + randomText(random, 8190 + random.nextInt(30_000)) + "\"}";
            builder.invoiceCsv = "Item,Amount\r\n" + randomText(random, random.nextInt(20_000)) + ",1.00\r\n";
            builder.notes = randomText(random, random.nextInt(9_000));
            builder.lineItems.add(new LineItem(LineType.CUSTOM, randomText(random, 10), randomText(random, 1_900),
                    BigDecimal.ONE, BigDecimal.ONE, Money.of("0.00")));
            Snapshot snapshot = builder.build();

            assertEquals(reference(snapshot), ContentHash.of(snapshot), "snapshot " + i);
        }
    }

    @Test
    void textHashedInPieces_isTheHashOfTheWholeText_halfPairsIncluded() {
        String text = "a".repeat(8191) + "\uD83D\uDE00" + "é".repeat(9000) + "\uD800" + "x" + "\uDC00";
        assertEquals(whole(text), Sha256.hex(text));
        assertEquals(whole(text + "|tail"), new Sha256.Text().append(text).append("|tail").hex());
        assertEquals(whole(""), Sha256.hex(""));
    }

    /** Text of ASCII, accented letters, CJK and emoji (surrogate pairs), at random places. */
    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            switch (random.nextInt(4)) {
                case 0 -> out.append("\uD83D\uDE00");
                case 1 -> out.append('é');
                case 2 -> out.append('中');
                default -> out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.toString();
    }

    /** The former implementation: the whole encoding built as one text, then hashed (v1: no submitter). */
    private static String reference(Snapshot s) {
        return whole(referenceText(s));
    }

    private static String referenceText(Snapshot s) {
        StringBuilder out = new StringBuilder();
        field(out, "version", ContentHash.VERSION);
        field(out, "invoice_number", s.invoiceNumber().value());
        field(out, "company_account_number", s.accountNumber().value());
        field(out, "company_name", s.companyName());
        field(out, "billing_period", s.period().toString());
        field(out, "invoice_date", s.invoiceDate() == null ? null : s.invoiceDate().toString());
        field(out, "due_date", s.dueDate() == null ? null : s.dueDate().toString());
        field(out, "billing_plan", s.terms().billingPlan());
        field(out, "contract_term", s.terms().contractTerm());
        field(out, "support_level", s.terms().supportLevel());
        field(out, "total_amount", s.charges().total().toString());
        field(out, "total_user_charges", s.charges().userCharges().toString());
        field(out, "total_asset_charges", s.charges().assetCharges().toString());
        field(out, "total_backup_charges", s.charges().backupCharges().toString());
        field(out, "total_ticket_charges", s.charges().ticketCharges().toString());
        field(out, "total_line_item_charges", s.charges().lineItemCharges().toString());
        field(out, "user_count", Integer.toString(s.usage().userCount()));
        field(out, "asset_count", Integer.toString(s.usage().assetCount()));
        field(out, "billable_hours", s.usage().billableHours().toPlainString());
        field(out, "billing_data", s.billingData());
        field(out, "invoice_csv", s.invoiceCsv());
        field(out, "line_items", Integer.toString(s.lineItems().size()));
        for (LineItem item : s.lineItems()) {
            field(out, "line_type", item.lineType().code());
            field(out, "item_name", item.itemName());
            field(out, "description", item.description());
            field(out, "quantity", item.quantity().toPlainString());
            field(out, "rate", item.rate().toPlainString());
            field(out, "amount", item.amount().toString());
        }
        field(out, "created_by", s.createdBy());
        field(out, "notes", s.notes());
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(':');
        if (value == null) {
            out.append('-');
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('\n');
    }

    private static String whole(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bytesHash_asFipsSaysTheyDo() {
        // FIPS 180-2's example: SHA-256("abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hex("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void textEndingInHalfASurrogatePair_hashesAsTheWholeTextDoes() {
        // The encoder writes '?' for the lone half, whether the text comes whole or in pieces.
        String text = "abc\uD83D";
        assertEquals(Sha256.hex("abc?"), new Sha256.Text().append(text).hex());
        assertEquals(Sha256.hex(text), new Sha256.Text().append(text).hex());
    }
}
