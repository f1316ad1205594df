package io.hivematrix.archive.embedded;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the embedded PostgreSQL a running service started on a data directory, from the server's own
 * {@code postmaster.pid}: a CLI command may then use it (backup) or must leave it alone (restore).
 */
public final class RunningEmbeddedServer {
    private RunningEmbeddedServer() {
    }

    /**
     * The port of the server running on {@code dataDir}'s database, or empty when none is: no {@code postmaster.pid},
     * or its process is gone (a server that crashed leaves the file behind).
     */
    public static Optional<Integer> port(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        // PostgreSQL writes the postmaster's PID on line 1 and its port on line 4 (see pidfile.h).
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * How to reach that server as the service does: the runtime role, with its password from the data directory
     * (a reader needs no more).
     */
    public static DatabaseSettings settings(Path dataDir, int port, int poolSize) {
        String password;
        try {
            password = EmbeddedPasswords.read(dataDir.resolve(EmbeddedPasswords.DIRECTORY), EmbeddedPasswords.RUNTIME, false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read the database password in " + dataDir, e);
        }
        return new DatabaseSettings(EmbeddedDatabase.jdbcUrl(port), EmbeddedPasswords.RUNTIME, password, poolSize);
    }
}
