package io.hivematrix.archive.adapter.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every route's body reading: within the limit, strict UTF-8, kept as received, parsed without a byte order mark. */
class JsonBodyReaderTest {

    @Test
    void aUtf8Body_isKeptAsReceived_andParsedWithoutItsByteOrderMark() throws IOException {
        byte[] body = "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        JsonBodyReader.Text text = assertInstanceOf(JsonBodyReader.Text.class,
                JsonBodyReader.read(new ByteArrayInputStream(body), body.length, 100));
        assertEquals("\uFEFF{\"a\":1}", text.received());
        assertEquals("{\"a\":1}", text.json());
    }

    @Test
    void aBodyOverTheLimit_isTooLarge_whetherDeclaredOrSentChunked() throws IOException {
        byte[] body = "{\"a\":\"0123456789\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new JsonBodyReader.TooLarge(10), JsonBodyReader.read(new ByteArrayInputStream(body), body.length, 10));
        assertEquals(new JsonBodyReader.TooLarge(10), JsonBodyReader.read(new ByteArrayInputStream(body), -1, 10));
        assertEquals(new JsonBodyReader.TooLarge(10), JsonBodyReader.read(body, 10));
    }

    @Test
    void utf16_isNotUtf8_evenThoughJacksonWouldReadItsBytes() throws IOException {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_16BE);
        assertInstanceOf(JsonBodyReader.Text.class, JsonBodyReader.read(body, 100),
                "UTF-16 ASCII is valid UTF-8 full of NULs: it decodes, and the parser then refuses the NULs");
        byte[] invalid = {'{', (byte) 0xC3, '}'};
        assertEquals(new JsonBodyReader.NotUtf8(), JsonBodyReader.read(new ByteArrayInputStream(invalid), 3, 100));
    }
}
