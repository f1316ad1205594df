package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.SnapshotJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Forwards every call to another job store, so a test can override the writes it counts or stages. The counting
 * update is left to the port's default (a lookup update), which is what OutPortDefaultsTest checks; a test that wants
 * the delegate's own counting update overrides it.
 */
class DelegatingJobStore implements JobStore {
    private final JobStore delegate;

    DelegatingJobStore(JobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean create(SnapshotJob job) {
        return delegate.create(job);
    }

    @Override
    public void update(SnapshotJob job) {
        delegate.update(job);
    }

    @Override
    public Optional<SnapshotJob> find(UUID id) {
        return delegate.find(id);
    }

    @Override
    public List<SnapshotJob> list(int limit, int offset) {
        return delegate.list(limit, offset);
    }

    @Override
    public List<SnapshotJob> running() {
        return delegate.running();
    }

    @Override
    public List<SnapshotJob> runningWithoutProgressSince(Instant since) {
        return delegate.runningWithoutProgressSince(since);
    }
}
