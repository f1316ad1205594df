package io.hivematrix.archive.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.testkit.neighbours.LedgerBills;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what the launchers pass to the JVM, so it cannot silently drop: both read the one {@code jvm.options} (a heap
 * sized on purpose, exit on OutOfMemoryError), add ARCHIVE_JAVA_OPTS after it, use the start-up cache on every
 * command and record one only while serving; and only the newcomer's {@code ./archive run} turns dev auth on. Each
 * launcher runs for real, printing the java command line it would start (ARCHIVE_LAUNCHER_PRINT=1).
 */
class LaunchersTest {
    private static final List<String> PINNED = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-Xmn16m",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.util.logging.manager=io.hivematrix.archive.cli.ShutdownLogManager",
            "-Djdk.nio.maxCachedBufferSize=262144");

    @TempDir
    Path temp;

    @Test
    void bothLaunchers_startJava_withThePinnedOptions_onEveryCommand() throws IOException {
        for (Launcher launcher : launchers()) {
            for (String command : List.of("serve", "token")) {
                List<String> line = launcher.print(Map.of(), command);
                assertTrue(line.getFirst().endsWith("/bin/java"), launcher + ": " + line);
                List<String> jvm = line.subList(1, line.indexOf("-jar"));
                assertTrue(jvm.containsAll(PINNED), launcher + " " + command + " must pass " + PINNED + ", got " + jvm);
                assertEquals(command, line.get(line.indexOf("-jar") + 2), launcher + ": the command follows the jar");
            }
        }
    }

    @Test
    void verify_readsTheWholeArchiveWithALargerYoungGenerationAndTieredCode_theServiceDoesNot() throws IOException {
        for (Launcher launcher : launchers()) {
            List<String> verify = launcher.print(Map.of(), "verify");
            assertTrue(verify.indexOf("-Xmn160m") > verify.indexOf("-Xmn16m") && verify.indexOf("-Xmn16m") > 0
                    && verify.indexOf("-XX:+TieredCompilation") > verify.indexOf("-XX:-TieredCompilation"),
                    launcher + ": " + verify);
            assertTrue(verify.contains("-Xmx256m"), "the heap cap stays: " + verify);
            List<String> serve = launcher.print(Map.of(), "serve");
            assertFalse(serve.contains("-Xmn160m") || serve.contains("-XX:+TieredCompilation"), launcher + ": " + serve);
            List<String> mine = launcher.print(Map.of("ARCHIVE_JAVA_OPTS", "-Xmn64m"), "verify");
            assertTrue(mine.lastIndexOf("-Xmn64m") > mine.indexOf("-Xmn160m"), "ARCHIVE_JAVA_OPTS still wins: " + mine);
        }
    }

    @Test
    void archiveJavaOpts_comesAfterTheOptionsFile_soItWins() throws IOException {
        for (Launcher launcher : launchers()) {
            List<String> line = launcher.print(Map.of("ARCHIVE_JAVA_OPTS", "-Xmx512m -Dglob=*"), "serve");
            assertTrue(line.indexOf("-Xmx512m") > line.indexOf("-Xmx256m"), launcher + ": " + line);
            assertTrue(line.contains("-Dglob=*"), launcher + ": ARCHIVE_JAVA_OPTS is never glob-expanded: " + line);
        }
    }

    @Test
    void serveRecordsTheStartUpCache_otherCommandsDoNot_andEveryCommandUsesOneThatExists() throws IOException {
        for (Launcher launcher : launchers()) {
            List<String> serve = launcher.print(Map.of(), "serve");
            String recorded = cacheFlag(serve, "-XX:AOTCacheOutput=", "-XX:SharedArchiveFile=");
            assertTrue(recorded != null, launcher + ": serve records a cache: " + serve);
            assertTrue(cacheFlag(launcher.print(Map.of(), "token"), "-XX:AOTCacheOutput=", "-XX:+AutoCreateSharedArchive")
                    == null, launcher + ": only serve records (a token's stdout must stay the token)");
            Path file = Path.of(recorded.substring(recorded.indexOf('=') + 1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "a cache");
            for (String command : List.of("serve", "token")) {
                List<String> line = launcher.print(Map.of(), command);
                assertTrue(line.contains("-XX:AOTCache=" + file) || line.contains("-XX:SharedArchiveFile=" + file),
                        launcher + " " + command + " uses the cache: " + line);
                assertTrue(cacheFlag(line, "-XX:AOTCacheOutput=", "-XX:+AutoCreateSharedArchive") == null, launcher
                        + ": an existing cache is not recorded again: " + line);
            }
            List<String> otherOptions = launcher.print(Map.of("ARCHIVE_JAVA_OPTS", "-Xmx512m"), "serve");
            assertFalse(otherOptions.stream().anyMatch(a -> a.endsWith("=" + file)),
                    launcher + ": other options mean another cache, never a stale one: " + otherOptions);
            assertTrue(launcher.print(Map.of("ARCHIVE_JVM_CACHE", "off"), "serve").stream()
                    .noneMatch(a -> a.contains("AOTCache") || a.contains("SharedArchive")), launcher + ": off is off");
        }
    }

    @Test
    void optionsFile_linesApplyToTheJavaVersionsTheyName() throws IOException {
        Path options = temp.resolve("jvm.options");
        Files.writeString(options, """
                # a comment
                -Dall=1   # after an option
                21-24:-Dold=1
                24:-Dexactly24=1
                25-:-Dnew=1
                """);
        Path script = LedgerBills.repositoryFile("archive-dist/src/bin/archive-jvm.sh");
        assertEquals(List.of("-Dall=1", "-Dnew=1"), bash(". '" + script + "' && archive_jvm_options '" + options + "' 25",
                Map.of()));
        assertEquals(List.of("-Dall=1", "-Dold=1", "-Dexactly24=1"),
                bash(". '" + script + "' && archive_jvm_options '" + options + "' 24", Map.of()));
        assertEquals(List.of("-Dall=1", "-Dold=1"), bash(". '" + script + "' && archive_jvm_options '" + options
                + "' 21", Map.of()));
    }

    @Test
    void theCacheDependsOnTheJars() throws IOException {
        Launcher distribution = launchers().getLast();
        String before = cacheFlag(distribution.print(Map.of(), "serve"), "-XX:AOTCacheOutput=", "-XX:SharedArchiveFile=");
        Path jar = distribution.home().resolve("lib/extra.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a new dependency");
        String after = cacheFlag(distribution.print(Map.of(), "serve"), "-XX:AOTCacheOutput=", "-XX:SharedArchiveFile=");
        assertNotEquals(before, after, "a changed jar means another cache");
    }

    @Test
    void onlyTheCheckoutsRunCommand_setsDevAuth() {
        String checkout = TestArchive.repositoryFile("archive");
        assertTrue(checkout.contains("export ARCHIVE_AUTH=dev"), "./archive run is the newcomer's path");
        String distribution = TestArchive.repositoryFile("archive-dist/src/bin/archive");
        assertTrue(distribution.lines().filter(l -> !l.trim().startsWith("#")).noneMatch(l -> l.contains("ARCHIVE_AUTH")),
                "bin/archive serve must be configured on purpose");
    }

    /** The first argument starting with one of {@code prefixes}, or null. */
    private static String cacheFlag(List<String> line, String... prefixes) {
        for (String argument : line) {
            for (String prefix : prefixes) {
                if (argument.startsWith(prefix)) {
                    return argument;
                }
            }
        }
        return null;
    }

    /** The checkout's ./archive, and bin/archive in a distribution laid out as the tarball lays it out. */
    private List<Launcher> launchers() throws IOException {
        Path home = temp.resolve("archive-0.1.0");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("lib"));
        for (String file : List.of("archive", "archive-jvm.sh")) {
            Files.copy(LedgerBills.repositoryFile("archive-dist/src/bin/" + file), home.resolve("bin/" + file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(LedgerBills.repositoryFile("archive-dist/src/config/jvm.options"), home.resolve("config/jvm.options"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (!Files.exists(home.resolve("archive-cli.jar"))) {
            Files.writeString(home.resolve("archive-cli.jar"), "the launcher only looks for it");
        }
        Path caches = temp.resolve("caches");
        return List.of(new Launcher(LedgerBills.repositoryFile("archive"), caches.resolve("checkout"), null),
                new Launcher(home.resolve("bin/archive"), caches.resolve("distribution"), home));
    }

    /** A launcher script, the cache directory it is given, and (for the distribution) its installation. */
    private record Launcher(Path script, Path cacheDir, Path home) {
        List<String> print(Map<String, String> environment, String command) {
            Map<String, String> env = new java.util.HashMap<>(environment);
            env.put("ARCHIVE_LAUNCHER_PRINT", "1");
            env.put("ARCHIVE_JVM_CACHE_DIR", cacheDir.toString());
            // The checkout's launcher says "run" for serve.
            String argument = home == null && command.equals("serve") ? "run" : command;
            return bash("'" + script + "' " + argument, env);
        }

        @Override
        public String toString() {
            return home == null ? "./archive" : "bin/archive";
        }
    }

    /** Runs {@code script} with bash; its stdout's lines. Fails on a non-zero exit. */
    private static List<String> bash(String script, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().remove("ARCHIVE_JAVA_OPTS");
            builder.environment().remove("ARCHIVE_JVM_CACHE");
            builder.environment().putAll(environment);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
            assertEquals(0, process.exitValue(), "bash -c " + script + " failed; stdout: " + out);
            return new ArrayList<>(out.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
