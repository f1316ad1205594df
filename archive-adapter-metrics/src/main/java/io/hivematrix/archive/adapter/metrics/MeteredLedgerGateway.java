package io.hivematrix.archive.adapter.metrics;

import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/** Times every call to Ledger, labelled by what it came to (archived, already archived, failed, error). */
public final class MeteredLedgerGateway implements LedgerGateway {
    private final LedgerGateway inner;
    private final ArchiveMeters meters;

    public MeteredLedgerGateway(LedgerGateway inner, ArchiveMeters meters) {
        this.inner = Objects.requireNonNull(inner);
        this.meters = Objects.requireNonNull(meters);
    }

    @Override
    public AcceptOutcome acceptBill(AccountNumber account, BillingPeriod period, String notes) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            AcceptOutcome answer = inner.acceptBill(account, period, notes);
            outcome = switch (answer) {
                case AcceptOutcome.Archived a -> "archived";
                case AcceptOutcome.AlreadyArchived a -> "already_archived";
                case AcceptOutcome.Failed f -> f.retryable() ? "failed_retryable" : "failed";
            };
            return answer;
        } finally {
            Timer.builder("archive.ledger.calls")
                    .description("Calls to Ledger's accept-bill endpoint, by outcome")
                    .tag("outcome", outcome)
                    .serviceLevelObjectives(meters.latencyBuckets())
                    .register(meters.registry())
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public boolean configured() {
        return inner.configured();
    }
}
