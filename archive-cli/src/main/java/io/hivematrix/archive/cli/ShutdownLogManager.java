package io.hivematrix.archive.cli;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager, except that it keeps its handlers while the JVM shuts down. The stock one resets (closes
 * every handler) from a shutdown hook of its own, which runs at the same time as Archive's, so what the graceful
 * stop logs (a job cut off, how long the stop took) was lost. Console handlers flush each record, so nothing is
 * left to flush at exit. The launchers ({@code ./archive}, {@code bin/archive}) select it with
 * {@code -Djava.util.logging.manager=io.hivematrix.archive.cli.ShutdownLogManager}: the property is read once,
 * when the JVM first touches logging, which happens before {@code Main} runs.
 */
public final class ShutdownLogManager extends LogManager {

    @Override
    public void reset() {
        if (!shuttingDown()) {
            super.reset(); // readConfiguration resets too, at start-up: that must work as before
        }
    }

    /** Adding a hook is refused once shutdown has begun: the one portable way to ask. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
