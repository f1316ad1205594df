package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.ListJobs;
import io.hivematrix.archive.application.port.in.PageRequest;
import io.hivematrix.archive.application.port.out.JobStore;
import io.hivematrix.archive.domain.SnapshotJob;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Lists snapshot jobs and reads one. */
public final class ListJobsService implements ListJobs {
    private final JobStore jobs;

    public ListJobsService(JobStore jobs) {
        this.jobs = Objects.requireNonNull(jobs);
    }

    @Override
    public List<SnapshotJob> list(int limit, int offset) {
        new PageRequest(limit, offset, null); // same bounds as every list
        return jobs.list(limit, offset);
    }

    @Override
    public Optional<SnapshotJob> find(UUID id) {
        return jobs.find(id);
    }
}
