package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins what the launchers pass to the JVM and the service, so it cannot silently drop: both exit on an
 * OutOfMemoryError (a half-alive JVM never gets restarted), and only the newcomer's {@code ./archive run} turns dev
 * auth on by itself.
 */
class LaunchersTest {

    @Test
    void bothLaunchers_exitOnOutOfMemory_onEveryCommand() {
        for (String launcher : List.of("archive", "archive-dist/src/bin/archive")) {
            String text = TestArchive.repositoryFile(launcher);
            long javaCalls = text.lines().filter(l -> l.contains("/bin/java\"") && l.contains("exec ")).count();
            long guarded = text.lines().filter(l -> l.contains("/bin/java\"") && l.contains("exec ")
                    && (l.contains("-XX:+ExitOnOutOfMemoryError") || l.contains("$jvm_safety"))).count()
                    + text.lines().filter(l -> l.trim().startsWith("-XX:+ExitOnOutOfMemoryError")).count();
            assertTrue(javaCalls > 0 && guarded >= javaCalls, launcher + ": every java start must carry "
                    + "-XX:+ExitOnOutOfMemoryError");
        }
        assertTrue(TestArchive.repositoryFile("archive").contains("jvm_safety=\"-XX:+ExitOnOutOfMemoryError\""));
    }

    @Test
    void onlyTheCheckoutsRunCommand_setsDevAuth() {
        String checkout = TestArchive.repositoryFile("archive");
        assertTrue(checkout.contains("export ARCHIVE_AUTH=dev"), "./archive run is the newcomer's path");
        String distribution = TestArchive.repositoryFile("archive-dist/src/bin/archive");
        assertTrue(distribution.lines().filter(l -> !l.trim().startsWith("#")).noneMatch(l -> l.contains("ARCHIVE_AUTH")),
                "bin/archive serve must be configured on purpose");
    }
}
