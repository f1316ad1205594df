package io.hivematrix.archive.boot;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import java.util.HashMap;
import java.util.Map;

/** The settings of an external database with two roles: the service serves as the one and migrates as the other. */
final class ExternalRoles {
    private ExternalRoles() {
    }

    static Map<String, String> settings(TestPostgres.Roles roles) {
        Map<String, String> values = new HashMap<>();
        values.put("ARCHIVE_DB_URL", roles.runtime().jdbcUrl());
        values.put("ARCHIVE_DB_USER", roles.runtime().user());
        values.put("ARCHIVE_DB_PASSWORD", roles.runtime().password());
        values.put("ARCHIVE_MIGRATE_DB_USER", roles.owner().user());
        values.put("ARCHIVE_MIGRATE_DB_PASSWORD", roles.owner().password());
        return values;
    }
}
