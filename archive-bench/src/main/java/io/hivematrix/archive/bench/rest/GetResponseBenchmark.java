package io.hivematrix.archive.bench.rest;

import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.routes.SnapshotView;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code GET /api/snapshot/{invoice}} on a cache miss: the archived snapshot to its JSON bytes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GetResponseBenchmark {
    private ArchivedSnapshot archived;
    private SnapshotView view;

    @Setup
    public void setUp() {
        archived = BenchFixture.load().archived();
        view = SnapshotView.from(archived);
    }

    /** What SnapshotRoutes.find does before it caches: build the view, write it. */
    @Benchmark
    public byte[] viewAndWrite() {
        return Json.write(SnapshotView.from(archived));
    }

    /** Jackson's part alone. */
    @Benchmark
    public byte[] writeOnly() {
        return Json.write(view);
    }
}
