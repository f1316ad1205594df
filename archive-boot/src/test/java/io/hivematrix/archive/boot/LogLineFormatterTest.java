package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
