package io.hivematrix.archive.adapter.rest.observe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per log record, {@code 2026-11-29T02:27:54.034+0000 INFO    logger - message}, the layout the
 * JDK's SimpleFormatter gave with our pattern, without its {@code String.format} per record: with a line per
 * request, that formatting cost about a fifth of the service's GET throughput.
 *
 * <p>Control characters in a message, or in an exception's message, are written as escapes ({@code \n},
 * {@code \u001b}): text a client sent (a decoded path, a JSON excerpt in a parser's error) can then neither forge
 * a log line nor send terminal escapes to whoever reads the log. A stack trace keeps its own line per frame.
 */
public final class LogLineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        TIME.formatTo(Instant.ofEpochMilli(record.getMillis()), line);
        String level = record.getLevel().getLocalizedName();
        line.append(' ').append(level);
        for (int pad = level.length(); pad < 7; pad++) {
            line.append(' ');
        }
        line.append(' ').append(record.getLoggerName()).append(" - ");
        escapeControls(formatMessage(record), line);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new EscapingLines(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace.getBuffer(), 0, trace.getBuffer().length() - System.lineSeparator().length());
        }
        return line.append(System.lineSeparator()).toString();
    }

    /** Appends {@code text} with every control character but tab written as an escape. */
    static void escapeControls(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || !Character.isISOControl(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
    }

    /**
     * A writer for {@link Throwable#printStackTrace(PrintWriter)}, which prints each line of a trace (the exception's
     * own text, each frame, each "Caused by") with one {@code println}: the line breaks it adds stay, any inside an
     * exception's message are escaped.
     */
    private static final class EscapingLines extends PrintWriter {
        EscapingLines(StringWriter target) {
            super(target);
        }

        @Override
        public void println(Object x) {
            println(String.valueOf(x));
        }

        @Override
        public void println(String x) {
            StringBuilder escaped = new StringBuilder(x.length() + 16);
            escapeControls(x, escaped);
            super.println(escaped.toString());
        }
    }
}
