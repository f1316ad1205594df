package io.hivematrix.archive.adapter.rest.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The formatter writes exactly what the JDK's SimpleFormatter wrote with the pattern it replaces. */
class LogLineFormatterTest {
    /** The pattern logging.properties gave SimpleFormatter before. */
    private static final String PATTERN = "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL%1$tz %4$-7s %3$s - %5$s%6$s%n";

    @Test
    void sameLinesAsSimpleFormatterWithTheOldPattern() {
        LogLineFormatter formatter = new LogLineFormatter();
        for (Level level : new Level[]{Level.INFO, Level.WARNING, Level.SEVERE, Level.FINE}) {
            for (long millis : new long[]{0L, 1_764_384_000_123L, 1_796_000_000_999L}) {
                LogRecord record = new LogRecord(level, "request {0} took {1}");
                record.setParameters(new Object[]{"GET /health", "1.2ms"});
                record.setLoggerName("io.hivematrix.archive.requests");
                record.setInstant(Instant.ofEpochMilli(millis));
                assertEquals(simple(record, formatter.formatMessage(record)), formatter.format(record));
                record.setThrown(new IllegalStateException("boom", new RuntimeException("cause")));
                assertEquals(simple(record, formatter.formatMessage(record)), formatter.format(record));
            }
        }
    }

    /** What SimpleFormatter.format does with the pattern. */
    private static String simple(LogRecord record, String message) {
        ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
        String thrown = "";
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            thrown = trace.toString();
            thrown = thrown.substring(0, thrown.length() - System.lineSeparator().length());
        }
        return String.format(PATTERN, time, "", record.getLoggerName(), record.getLevel().getLocalizedName(),
                message, thrown);
    }

    @Test
    void controlCharactersInMessagesAndExceptions_areEscaped_soNoLineCanBeForged() {
        java.util.logging.LogRecord record = new java.util.logging.LogRecord(java.util.logging.Level.WARNING,
                "no snapshot at /api/snapshot/x\n2026-01-01T00:00:00.000+0000 INFO    fake - admin logged in\u001b[2J");
        record.setLoggerName("io.hivematrix.archive.test");
        record.setThrown(new IllegalStateException("bad path a\r\nforged line", new RuntimeException("cause\nline")));
        String out = new LogLineFormatter().format(record);
        String[] lines = out.split(System.lineSeparator());
        assertTrue(lines[0].endsWith("/api/snapshot/x\\n2026-01-01T00:00:00.000+0000 INFO    fake - admin logged in\\u001b[2J"),
                lines[0]);
        assertTrue(lines[1].equals("java.lang.IllegalStateException: bad path a\\r\\nforged line"), lines[1]);
        assertTrue(lines[2].startsWith("\tat "), "frames keep their own lines: " + lines[2]);
        assertTrue(out.contains("Caused by: java.lang.RuntimeException: cause\\nline"), out);
        for (String line : lines) {
            assertTrue(line.startsWith("20") || line.startsWith("\t") || line.startsWith("java.lang.")
                    || line.startsWith("Caused by: "), "a line that is no record, frame or cause: " + line);
        }
    }
}
