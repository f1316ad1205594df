package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.JobType;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link JobStore} in memory, with the database's rules: one scheduled job per period, outcomes that only
 * grow, type/period/start/trigger fixed at creation, times kept to the microsecond, the same orders.
 */
public final class InMemoryJobStore implements JobStore {
    /** UUIDs compare as their text does, i.e. by unsigned bytes, as PostgreSQL orders them. */
    private static final Comparator<SnapshotJob> BY_ID = Comparator.comparing(j -> j.id().toString());
    private static final Comparator<SnapshotJob> NEWEST_FIRST =
            Comparator.comparing(SnapshotJob::startedAt).reversed().thenComparing(BY_ID);
    private static final Comparator<SnapshotJob> OLDEST_FIRST =
            Comparator.comparing(SnapshotJob::startedAt).thenComparing(BY_ID);

    private final Map<UUID, SnapshotJob> jobs = new HashMap<>();
    private final Map<UUID, java.time.Instant> progressed = new HashMap<>();
    private final java.time.Clock clock;

    public InMemoryJobStore() {
        this(java.time.Clock.systemUTC());
    }

    /** @param clock when creates and updates happen, as the database's now() would say */
    public InMemoryJobStore(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean create(SnapshotJob job) {
        Objects.requireNonNull(job, "job");
        if (jobs.containsKey(job.id())) {
            throw new IllegalArgumentException("job " + job.id() + " already exists");
        }
        if (job.type() == JobType.SCHEDULED && job.status() != JobStatus.FAILED && jobs.values().stream()
                .anyMatch(j -> j.type() == JobType.SCHEDULED && j.status() != JobStatus.FAILED
                        && j.target().equals(job.target()))) {
            return false;
        }
        jobs.put(job.id(), stored(job, job, job.outcomes().stream().map(InMemoryJobStore::micros).toList()));
        progressed.put(job.id(), clock.instant());
        return true;
    }

    @Override
    public synchronized void update(SnapshotJob job) {
        Objects.requireNonNull(job, "job");
        SnapshotJob current = jobs.get(job.id());
        if (current == null) {
            throw new IllegalArgumentException("no job " + job.id() + " to update");
        }
        List<CompanyOutcome> stored = current.outcomes();
        if (stored.size() > job.outcomes().size()) {
            throw new IllegalArgumentException("job " + job.id() + " already has " + stored.size()
                    + " outcomes stored; outcomes only ever grow, this update has " + job.outcomes().size());
        }
        // Like the database: the stored outcomes stay, those beyond them are appended.
        List<CompanyOutcome> outcomes = new ArrayList<>(job.outcomes().size());
        outcomes.addAll(stored);
        job.outcomes().subList(stored.size(), job.outcomes().size()).stream().map(InMemoryJobStore::micros)
                .forEach(outcomes::add);
        jobs.put(job.id(), stored(current, job, outcomes));
        progressed.put(job.id(), clock.instant());
    }

    /** Refuses any count but the stored one, so a test over the fake catches a writer that lost track. */
    @Override
    public synchronized void update(SnapshotJob job, int storedOutcomes) {
        Objects.requireNonNull(job, "job");
        SnapshotJob current = jobs.get(job.id());
        if (current != null && current.outcomes().size() != storedOutcomes) {
            throw new IllegalArgumentException("job " + job.id() + " has " + current.outcomes().size()
                    + " outcomes stored, not " + storedOutcomes);
        }
        update(job);
    }

    @Override
    public synchronized Optional<SnapshotJob> find(UUID id) {
        return Optional.ofNullable(jobs.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized List<SnapshotJob> list(int limit, int offset) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return jobs.values().stream().sorted(NEWEST_FIRST).skip(offset).limit(limit)
                .map(j -> withOutcomes(j, List.of())).toList();
    }

    /** Running jobs with their outcomes, oldest first. */
    @Override
    public synchronized List<SnapshotJob> running() {
        return jobs.values().stream().filter(j -> j.status() == JobStatus.RUNNING).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized List<SnapshotJob> runningWithoutProgressSince(java.time.Instant since) {
        return running().stream().filter(j -> progressed.get(j.id()).isBefore(since)).toList();
    }

    /** How many jobs are stored; for tests. */
    public synchronized int size() {
        return jobs.size();
    }

    /** What the database would hold: the fixed fields of {@code fixed}, the progress of {@code progress}. */
    private static SnapshotJob stored(SnapshotJob fixed, SnapshotJob progress, List<CompanyOutcome> outcomes) {
        return new SnapshotJob(fixed.id(), fixed.type(), progress.status(), fixed.target(), progress.totalCompanies(),
                progress.completedCompanies(), progress.successCount(), progress.failedCount(),
                micros(fixed.startedAt()), micros(progress.completedAt()), fixed.triggeredBy(), outcomes,
                progress.error());
    }

    private static SnapshotJob withOutcomes(SnapshotJob j, List<CompanyOutcome> outcomes) {
        return new SnapshotJob(j.id(), j.type(), j.status(), j.target(), j.totalCompanies(), j.completedCompanies(),
                j.successCount(), j.failedCount(), j.startedAt(), j.completedAt(), j.triggeredBy(), outcomes,
                j.error());
    }

    /** The outcome with its times kept to the microsecond, as PostgreSQL keeps them. */
    private static CompanyOutcome micros(CompanyOutcome o) {
        return new CompanyOutcome(o.account(), o.companyName(), o.success(), o.detail(), o.attempts(), o.httpStatus(),
                o.invoiceNumber(), micros(o.startedAt()), micros(o.finishedAt()));
    }

    /** Microseconds, as PostgreSQL keeps them, so both stores compare and order alike. */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
