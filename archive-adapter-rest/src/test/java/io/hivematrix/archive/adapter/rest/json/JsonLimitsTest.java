package io.hivematrix.archive.adapter.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JacksonException;
import io.hivematrix.archive.adapter.rest.Fixtures;
import io.hivematrix.archive.application.port.in.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the adapter's JSON reading refuses before it costs much: long numbers, dense trees; and how it names where. */
class JsonLimitsTest {
    @Test
    void numbersOfUpTo100DigitsBeforeAndAfterThePoint_areKept_longerOnesNamedByPath() throws Exception {
        for (String kept : List.of("1e99", "-1e99", "1e-100", "0.5e-99", "9".repeat(100), "1." + "1".repeat(100),
                "9".repeat(100) + "." + "9".repeat(100), "0", "-0.0", "12.50")) {
            assertNull(unstorable("{\"a\":" + kept + "}"), kept);
        }
        for (String refused : List.of("1e100", "-1e100", "1e-101", "1e9999", "1e-9999", "1" + "0".repeat(100),
                "0." + "0".repeat(100) + "1", "1e2147483647", "0e-101")) {
            FieldError error = unstorable("{\"a\":" + refused + "}");
            assertEquals("billing_data_json.a", error.field(), refused);
            assertTrue(error.message().contains("at most 100 digits"), error.message());
        }
    }

    @Test
    void thePathNamesArrayIndexesAndKeys_quotingKeysThatAreNotPlainWords() throws Exception {
        assertEquals("billing_data_json[3].usage.amount",
                unstorable("[1,2,3,{\"usage\":{\"ok\":1,\"amount\":1e9999}}]").field());
        assertEquals("billing_data_json[\"a.b\"][0][\"say \\\"hi\\\"\"]",
                unstorable("{\"a.b\":[{\"say \\\"hi\\\"\":\"\\u0000\"}]}").field());
        // A key that is itself unstorable is named with its half surrogate escaped, never written raw.
        assertEquals("billing_data_json[\"x\\ud800\"]", unstorable("{\"x\\ud800\":1}").field());
    }

    @Test
    void longKeysAndDeepPaths_areCut_soAnErrorStaysSmall() throws Exception {
        String key = "k".repeat(10_000) + " ";
        FieldError longKey = unstorable("{\"" + key + "\":1e9999}");
        assertTrue(longKey.field().length() < 100, longKey.field());
        assertTrue(longKey.field().startsWith("billing_data_json[\"kkkk"), longKey.field());

        FieldError deep = unstorable("[".repeat(900) + "1e9999" + "]".repeat(900));
        assertTrue(deep.field().length() <= 201, deep.field().length() + ": " + deep.field());
        assertTrue(deep.field().startsWith("billing_data_json[0][0]"), deep.field());
    }

    @Test
    void aRealBill_fitsItsTreeBudgetWithRoomToSpare_andABodyOfEmptyObjectsDoesNot() throws Exception {
        String fixture = Fixtures.ledgerSnapshot();
        // Its tree takes 3 to 4 times its size: well within 16 times, even within 6 times with no allowance.
        JsonBudget.check(Json.MAPPER.getFactory().copy().createParser(fixture), 6L * fixture.length());

        String dense = "[" + "{},".repeat(200_000) + "{}]";
        assertThrows(JsonBudget.TooDense.class, () -> Json.read(dense));
        assertThrows(JsonBudget.TooDense.class, () -> Json.read(dense.getBytes(StandardCharsets.UTF_8)));
        // The same number of values, each a short string: within budget.
        Json.read("[" + "\"abcdefgh\",".repeat(200_000) + "\"x\"]");
    }

    @Test
    void aBodyOfMoreValuesThanTheMaximum_isRefused_howeverLittleMemoryTheyTake() throws Exception {
        // Small whole numbers are shared nodes: within the memory budget, but each still costs time.
        Json.read("[" + "0,".repeat(JsonBudget.MAX_VALUES - 2) + "0]");
        JsonBudget.TooDense refused = assertThrows(JsonBudget.TooDense.class,
                () -> Json.read("[" + "0,".repeat(JsonBudget.MAX_VALUES) + "0]"));
        assertTrue(refused.getMessage().contains("more than 500000 JSON values"), refused.getMessage());
    }

    @Test
    void aNumberWhoseExponentDoesNotFitAnInt_isAJsonError_notAnUncheckedException() {
        for (String number : List.of("1e99999999999", "1e-2147483649", "-0.0e-99999999999")) {
            assertThrows(JacksonException.class, () -> Json.read("[" + number + "]"), number);
        }
    }

    private static FieldError unstorable(String billingData) throws Exception {
        return switch (CanonicalJsonTest.outcome(billingData, Long.MAX_VALUE)) {
            case CanonicalJson.Outcome.Unstorable unstorable -> unstorable.error();
            case CanonicalJson.Outcome.Canonical canonical -> null;
            case CanonicalJson.Outcome.TooLong tooLong -> throw new AssertionError("no limit was set");
        };
    }
}
