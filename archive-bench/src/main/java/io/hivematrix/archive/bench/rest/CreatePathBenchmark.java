package io.hivematrix.archive.bench.rest;

import io.hivematrix.archive.adapter.rest.json.CanonicalJson;
import io.hivematrix.archive.adapter.rest.json.Json;
import io.hivematrix.archive.adapter.rest.routes.SnapshotBody;
import io.hivematrix.archive.adapter.rest.routes.SnapshotRequest;
import io.hivematrix.archive.application.port.in.CreateSnapshotCommand;
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

/**
 * {@code POST /api/snapshot} before the database: the whole of parse-and-validate, and each of its steps
 * alone so a change shows where it helped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CreatePathBenchmark {
    private byte[] body;
    private SnapshotBody parsed;
    private String billingData;
    private String receivedBody;
    private CreateSnapshotCommand command;

    @Setup
    public void setUp() {
        BenchFixture fixture = BenchFixture.load();
        body = fixture.body();
        parsed = fixture.parsed();
        billingData = ((CanonicalJson.Outcome.Canonical) parsed.breakdown()).text();
        receivedBody = fixture.receivedBody();
        command = fixture.command();
    }

    /** Body bytes to the Snapshot the store is handed: the route's steps, then the service's validation. */
    @Benchmark
    public Snapshot parseAndValidate() {
        return BenchFixture.assemble(BenchFixture.command(body));
    }

    /** The route's strict UTF-8 decode of the body (kept as the received text). */
    @Benchmark
    public Object utf8Decode() {
        return BenchFixture.utf8(body);
    }

    /** The streaming read of the body with the adapter's strict settings: small fields, canonical breakdown. */
    @Benchmark
    public SnapshotBody parseJson() {
        return BenchFixture.read(receivedBody);
    }

    /** What was read to command: field reads and decimals. */
    @Benchmark
    public CreateSnapshotCommand toCommand() {
        return SnapshotRequest.toCommand(parsed, receivedBody, BenchFixture.LEDGER, null);
    }

    /** The canonical text of billing_data_json alone, from its own text (keys sorted, no tree). */
    @Benchmark
    public Object canonicalBillingData() throws java.io.IOException {
        try (var parser = Json.MAPPER.createParser(billingData)) {
            parser.nextToken();
            return CanonicalJson.read(parser, "billing_data_json", Long.MAX_VALUE);
        }
    }

    /** Command to Snapshot: the service's field-by-field validation and the domain constructors. */
    @Benchmark
    public Snapshot assemble() {
        return BenchFixture.assemble(command);
    }
}
