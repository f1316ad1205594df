package io.hivematrix.archive.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hivematrix.archive.adapter.postgres.testing.TestPostgres;
import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.domain.ScheduleConfig;
import io.hivematrix.archive.domain.SchedulePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schedule-store contract against real PostgreSQL, starting from the row the migration inserts. */
class PostgresScheduleStoreIT extends ScheduleStoreContract {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = PostgresDatabase.connect(TestPostgres.newDatabase(PostgresScheduleStoreIT.class));
        database.migrate();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    /** The row as V1 leaves it: every column at its default. */
    @Override
    protected ScheduleStore newStore() {
        database.dbClient().execute().dml("DELETE FROM scheduled_snapshots");
        database.dbClient().execute().dml("INSERT INTO scheduled_snapshots (id) VALUES (1)");
        return database.scheduleStore();
    }

    @Test
    void withoutItsRow_theDefaultsApply_andSavingOrRecordingBringsItBack() {
        database.dbClient().execute().dml("DELETE FROM scheduled_snapshots");
        assertEquals(new ScheduleConfig(SchedulePolicy.defaults(TOKYO), null, null, null), store.load(TOKYO));

        store.recordRun(RAN_AT, "completed", 3);
        assertEquals(new ScheduleConfig(SchedulePolicy.defaults(TOKYO), RAN_AT, "completed", 3), store.load(TOKYO));

        database.dbClient().execute().dml("DELETE FROM scheduled_snapshots");
        store.save(SchedulePolicy.defaults(BERLIN).withHour(5));
        assertEquals(SchedulePolicy.defaults(BERLIN).withHour(5), store.load(TOKYO).policy());
    }

    @Test
    void aZoneTheJvmDoesNotKnow_isReportedNotReplaced() {
        database.dbClient().execute().dml("UPDATE scheduled_snapshots SET timezone = 'Mars/Olympus_Mons'");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load(TOKYO));
        assertEquals(true, e.getMessage().contains("Mars/Olympus_Mons"));
    }

    @Test
    void theRowStaysSingle() {
        store.save(SchedulePolicy.defaults(BERLIN));
        store.recordRun(RAN_AT, "completed", 1);
        assertEquals(1L, database.dbClient().execute().get("SELECT count(*) AS n FROM scheduled_snapshots")
                .map(row -> Rows.longValue(row, "n")).orElseThrow());
    }
}
