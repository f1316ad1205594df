package io.hivematrix.archive.bench.rest;

import io.hivematrix.archive.adapter.rest.routes.ExportCsv;
import io.hivematrix.archive.domain.ArchivedSnapshot;
import io.hivematrix.archive.domain.SnapshotSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /api/export} without the database: summaries to UTF-8 CSV through the same writer stack the
 * route puts on the response stream, into a stream that only counts bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExportCsvBenchmark {
    @Param("1000")
    public int rows;

    private List<SnapshotSummary> summaries;

    @Setup
    public void setUp() {
        ArchivedSnapshot archived = BenchFixture.load().archived();
        summaries = new ArrayList<>(rows);
        for (int i = 1; i <= rows; i++) {
            // Distinct ids and times, as a real export has; the other columns repeat the fixture's.
            summaries.add(SnapshotSummary.of(new ArchivedSnapshot(i, archived.archivedAt().plusSeconds(i),
                    archived.contentSha256(), archived.snapshot(), (long) i)));
        }
    }

    /** Returns the bytes written, so the work cannot be optimised away. */
    @Benchmark
    public long writeRows() {
        ByteCounter out = new ByteCounter();
        // Same stack as SearchRoutes.export: 64 KB BufferedWriter over a UTF-8 OutputStreamWriter.
        try (var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
             ExportCsv csv = new ExportCsv(writer)) {
            for (SnapshotSummary summary : summaries) {
                csv.write(summary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.count;
    }

    /** Stands in for the socket: counts what would be sent. */
    private static final class ByteCounter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
