package io.hivematrix.archive.adapter.metrics;

import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.CompanyOutcome;
import io.hivematrix.archive.domain.JobStatus;
import io.hivematrix.archive.domain.SnapshotJob;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts job runs as they finish (by type and status) and each company's outcome as it is stored, by watching
 * what the run writes; reads pass straight through.
 */
public final class MeteredJobStore implements JobStore {
    private final JobStore inner;
    private final ArchiveMeters meters;
    private final Counter succeeded;
    private final Counter failed;
    /** Outcomes already counted, per job still running in this process. */
    private final Map<UUID, Integer> counted = new ConcurrentHashMap<>();
    /** Jobs whose end was counted; a job ends once, and there are a few a month, so this stays small. */
    private final Set<UUID> ended = ConcurrentHashMap.newKeySet();

    public MeteredJobStore(JobStore inner, ArchiveMeters meters) {
        this.inner = Objects.requireNonNull(inner);
        this.meters = Objects.requireNonNull(meters);
        succeeded = outcomeCounter("succeeded");
        failed = outcomeCounter("failed");
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder("archive.job.company.outcomes")
                .description("Per-company outcomes of snapshot jobs").tag("outcome", outcome)
                .register(meters.registry());
    }

    @Override
    public boolean create(SnapshotJob job) {
        boolean created = inner.create(job);
        if (created) {
            Counter.builder("archive.job.starts").description("Snapshot jobs started, by type")
                    .tag("type", job.type().code()).register(meters.registry()).increment();
            observe(job);
        }
        return created;
    }

    @Override
    public void update(SnapshotJob job) {
        inner.update(job);
        observe(job);
    }

    @Override
    public void update(SnapshotJob job, int storedOutcomes) {
        inner.update(job, storedOutcomes);
        observe(job);
    }

    /** Counts the outcomes not seen before and, once the job has ended, the run itself. */
    private void observe(SnapshotJob job) {
        if (ended.contains(job.id())) {
            return;
        }
        List<CompanyOutcome> outcomes = job.outcomes();
        int seen = counted.getOrDefault(job.id(), 0);
        for (int i = seen; i < outcomes.size(); i++) {
            (outcomes.get(i).success() ? succeeded : failed).increment();
        }
        if (job.status() == JobStatus.RUNNING) {
            counted.put(job.id(), Math.max(seen, outcomes.size()));
        } else if (ended.add(job.id())) {
            counted.remove(job.id());
            Counter.builder("archive.job.runs").description("Snapshot jobs ended, by type and final status")
                    .tags("type", job.type().code(), "status", job.status().code())
                    .register(meters.registry()).increment();
        }
    }

    @Override
    public Optional<SnapshotJob> find(UUID id) {
        return inner.find(id);
    }

    @Override
    public List<SnapshotJob> list(int limit, int offset) {
        return inner.list(limit, offset);
    }

    @Override
    public List<SnapshotJob> running() {
        return inner.running();
    }

    @Override
    public List<SnapshotJob> runningWithoutProgressSince(Instant since) {
        return inner.runningWithoutProgressSince(since);
    }
}
