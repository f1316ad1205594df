package io.hivematrix.archive.embedded;

import io.hivematrix.archive.keyfiles.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded server's passwords, random on first start: the superuser's ({@code postgres}, also initdb's
 * {@code --pwfile}), the owner role's (migrations) and the runtime role's (the service). Each is a 0600 file in
 * {@code <data dir>/db-passwords} (0700): whoever may read them may read the database files anyway.
 */
record EmbeddedPasswords(String superuser, String owner, String runtime) {
    static final String DIRECTORY = "db-passwords";
    static final String SUPERUSER = "postgres";
    static final String OWNER = "archive_owner";
    static final String RUNTIME = "archive_app";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Never prints a password. */
    @Override
    public String toString() {
        return "EmbeddedPasswords[****]";
    }

    /** Reads the three passwords of the data directory, creating each that is missing. */
    static EmbeddedPasswords loadOrCreate(Path dataDir) {
        Path dir = dataDir.resolve(DIRECTORY);
        try {
            OwnerOnly.directory(dir);
            return new EmbeddedPasswords(read(dir, SUPERUSER, true), read(dir, OWNER, true), read(dir, RUNTIME, true));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the database passwords in " + dir, e);
        }
    }

    /** The file initdb reads the superuser's password from. */
    static Path superuserFile(Path dataDir) {
        return dataDir.resolve(DIRECTORY).resolve(SUPERUSER);
    }

    /** One role's password; without {@code create}, a missing file is an error naming it. */
    static String read(Path dir, String role, boolean create) throws IOException {
        Path file = dir.resolve(role);
        if (create && !Files.exists(file)) {
            // 32 random bytes, URL-safe: no quote or backslash, so it can stand in SQL literals and initdb's file.
            // Another process may create it first: then theirs is the one read below.
            OwnerOnly.createSecret(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32)));
        }
        OwnerOnly.check(file, "600");
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalStateException("the database password file " + file + " is empty or damaged");
        }
        return password;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
