package io.hivematrix.archive.adapter.postgres;

import java.util.Objects;

/** How to reach the archive's PostgreSQL; the password is never printed. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must be a jdbc:postgresql: URL");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + masked(jdbcUrl) + ", user=" + user + ", password=" + (password == null ? "unset" : "****")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }

    /** The URL without {@code user:password@} or {@code password=…} (PgJDBC takes both), for logs. */
    static String masked(String url) {
        return url.replaceAll("(?<=//)[^/@]*@", "****@")
                .replaceAll("(?i)((?:^|[?&;])(?:password|pass|pwd)=)[^&;]*", "$1****");
    }
}
