package io.hivematrix.archive.bench;

import io.hivematrix.archive.bench.rest.BenchFixture;
import io.hivematrix.archive.domain.Sha256;
import io.hivematrix.archive.domain.Snapshot;
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

/** The two fingerprints every create computes: of the body as received, and of the canonical record. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HashBenchmark {
    private String receivedBody;
    private byte[] body;
    private Snapshot snapshot;

    @Setup
    public void setUp() {
        BenchFixture fixture = BenchFixture.load();
        receivedBody = fixture.receivedBody();
        body = fixture.body();
        snapshot = fixture.snapshot();
    }

    /** content_sha256 as the store computes it: from the decoded body text, so it re-encodes to UTF-8 first. */
    @Benchmark
    public String contentSha256() {
        return Sha256.hex(receivedBody);
    }

    /** The same digest from the bytes the route already had: the floor for contentSha256. */
    @Benchmark
    public String contentSha256OfBytes() {
        return Sha256.hex(body);
    }

    /** record_sha256: the canonical encoding of every field and line, then its SHA-256. */
    @Benchmark
    public String recordSha256() {
        return snapshot.recordSha256();
    }
}
