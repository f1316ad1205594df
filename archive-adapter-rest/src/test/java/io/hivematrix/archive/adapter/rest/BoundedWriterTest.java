package io.hivematrix.archive.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bounded writer keeps everything up to its bound and refuses the write that would pass it. */
class BoundedWriterTest {
    @Test
    void writesUpToTheBound_areKept_andTheOneThatWouldPassItThrows_keepingNothingOfIt() throws Exception {
        BoundedWriter out = new BoundedWriter(10);
        out.write("abcd");
        out.write(new char[] {'e', 'f', 'g'}, 0, 3);
        out.write('h');
        out.append("ij");
        assertEquals("abcdefghij", out.toString());

        assertThrows(BoundedWriter.Overflow.class, () -> out.write('k'));
        assertThrows(BoundedWriter.Overflow.class, () -> out.write("klmnopqrstuvwxyz", 3, 2));
        assertEquals("abcdefghij", out.toString());
    }

    @Test
    void aWriteLargerThanTheWholeBound_throwsAtOnce() {
        BoundedWriter out = new BoundedWriter(4);
        assertThrows(BoundedWriter.Overflow.class, () -> out.write("x".repeat(1_000_000)));
        assertEquals("", out.toString());
    }

    @Test
    void theCanonicalForm_isWrittenThroughIt_andIsEmptyWhenLongerThanItsBound() throws Exception {
        JsonNode node = Json.read("{\"b\":[1e2,\"é\"],\"a\":{\"y\":1.50,\"x\":null}}".getBytes(StandardCharsets.UTF_8));
        String canonical = Json.canonical(node);
        assertEquals("{\"a\":{\"x\":null,\"y\":1.50},\"b\":[100,\"é\"]}", canonical);

        assertEquals(Optional.of(canonical), Json.canonical(node, canonical.length()));
        assertEquals(Optional.empty(), Json.canonical(node, canonical.length() - 1));
    }

    @Test
    void aHugeCanonicalForm_isRefusedAfterAboutTheBound_notWrittenToTheEnd() throws Exception {
        // 200,000 numbers of 100 digits each: 20 million characters, stopped after the first 10,000.
        JsonNode node = Json.read(("[" + "1e99,".repeat(200_000) + "1]").getBytes(StandardCharsets.UTF_8));
        assertTrue(Json.canonical(node, 10_000).isEmpty());
    }
}
