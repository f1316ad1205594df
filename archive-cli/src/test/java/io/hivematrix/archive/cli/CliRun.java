package io.hivematrix.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** One run of the command line in this JVM, with what it printed to stdout and stderr. */
record CliRun(int code, String out, String err) {

    /**
     * Runs {@code archive args} with stdout and stderr captured; one run at a time, since both streams are the
     * JVM's own.
     */
    static synchronized CliRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(capturedOut, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(capturedErr, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = new CommandLine(new Main()).execute(args);
            return new CliRun(code, capturedOut.toString(StandardCharsets.UTF_8),
                    capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Everything the run said, for a failure message. */
    String all() {
        return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }

    /** Asserts the exit code and that stdout holds each of {@code parts}; returns this run for further checks. */
    CliRun exitedWith(int expected, String... parts) {
        assertEquals(expected, code, this::all);
        for (String part : parts) {
            assertTrue(out.contains(part), this::all);
        }
        return this;
    }
}
