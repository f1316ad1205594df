package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.postgres.DatabaseSettings;
import io.hivematrix.archive.adapter.postgres.PostgresDatabase;
import io.hivematrix.archive.embedded.EmbeddedDatabase;
import java.util.Objects;

/**
 * The two roles Archive connects as: the owner, which runs the migrations (and restores), and the runtime role, which
 * serves. The embedded database makes both; an external one names the runtime role with {@code ARCHIVE_DB_USER} and
 * the owner with {@code ARCHIVE_MIGRATE_DB_USER} (the runtime role when unset: one role, which {@code serve} refuses
 * unless {@code ARCHIVE_ALLOW_OWNER_ROLE=true}).
 */
public record DatabaseRoles(DatabaseSettings owner, DatabaseSettings runtime) {
    public static DatabaseRoles of(ArchiveSettings settings, EmbeddedDatabase embedded) {
        if (embedded != null) {
            return new DatabaseRoles(embedded.ownerSettings(), embedded.settings(settings.dbPoolSize()));
        }
        String url = settings.dbUrl().orElseThrow();
        DatabaseSettings runtime = new DatabaseSettings(url, settings.dbUser().orElse(null),
                settings.dbPassword().orElse(null), settings.dbPoolSize());
        if (settings.migrateDbUser().isEmpty()) {
            return new DatabaseRoles(runtime, runtime);
        }
        return new DatabaseRoles(new DatabaseSettings(url, settings.migrateDbUser().get(),
                settings.migrateDbPassword().orElse(null), 2), runtime);
    }

    /**
     * How to reach the streaming replica {@code ARCHIVE_DB_READ_URL} names, if any: as {@code ARCHIVE_DB_READ_USER}, or
     * else as the runtime role (roles live in the primary's catalog, so the replica has the same ones).
     */
    public static java.util.Optional<DatabaseSettings> readReplica(ArchiveSettings settings, DatabaseRoles roles) {
        return settings.dbReadUrl().map(url -> settings.dbReadUser().isPresent()
                ? new DatabaseSettings(url, settings.dbReadUser().get(), settings.dbReadPassword().orElse(null),
                        settings.dbPoolSize())
                : new DatabaseSettings(url, roles.runtime().user(), settings.dbReadPassword()
                        .orElse(roles.runtime().password()), settings.dbPoolSize()));
    }

    /** Whether migrations run as a role of their own (a user given only inside the URL counts as the same). */
    public boolean separate() {
        return owner.user() != null && runtime.user() != null && !Objects.equals(owner.user(), runtime.user());
    }

    /**
     * Applies pending migrations as the owner and then, when the runtime role is another, gives it exactly its
     * grants (taking back any other right it held); returns how many migrations ran.
     */
    public int migrate() {
        try (PostgresDatabase database = PostgresDatabase.connect(owner, 1)) {
            int applied = database.migrate();
            if (separate()) {
                database.grantRuntimeRole(runtime.user());
            }
            return applied;
        }
    }
}
