package io.hivematrix.archive.adapter.postgres;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The audit log on PostgreSQL holds to the contract the in-memory one does. */
class PostgresAuditLogIT extends AuditLogContract {
    private final List<PostgresDatabase> opened = new ArrayList<>();

    @Override
    protected Parts newParts() {
        PostgresDatabase database = PostgresDatabase.connect(TestPostgres.newDatabase(PostgresAuditLogIT.class));
        opened.add(database);
        database.migrate();
        return new Parts(database.snapshotStore(), database.auditLog());
    }

    @AfterEach
    void closeAll() {
        opened.forEach(PostgresDatabase::close);
    }
}
