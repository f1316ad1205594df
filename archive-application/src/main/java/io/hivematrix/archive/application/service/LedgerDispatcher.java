package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.out.CompanyDirectory.Company;
import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.domain.BillingPeriod;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Asks Ledger to accept each company's bill, at most {@code concurrency} calls in flight, retrying what may
 * succeed; once told to stop, it finishes the calls under way and asks nobody else.
 */
final class LedgerDispatcher {
    private final LedgerGateway ledger;
    private final Clock clock;
    private final int concurrency;
    private final RetryPolicy retry;
    /** Set once the process is stopping: runs ask no new company and retry nothing. */
    private volatile boolean stopping;

    LedgerDispatcher(LedgerGateway ledger, Clock clock, int concurrency, RetryPolicy retry) {
        this.ledger = ledger;
        this.clock = clock;
        this.concurrency = concurrency;
        this.retry = retry;
    }

    /** What Ledger finally answered about one company, after the retries the policy allows. */
    record Answer(AcceptOutcome outcome, int attempts, Instant startedAt, Instant finishedAt) {
    }

    /** Where the answers go; called from the worker threads, so it must be thread-safe. */
    interface Answers {
        void answered(Company company, Answer answer);

        /** The companies left unasked because the process is stopping (called at most once, on the caller's thread). */
        void notAsked(List<Company> companies);
    }

    void stopAsking() {
        stopping = true;
    }

    /** Asks about every company and returns once each has been answered or left unasked. */
    void dispatch(List<Company> companies, BillingPeriod period, String notes, Answers answers) {
        // A slot bounds the Ledger calls in flight (ARCHIVE_SCHEDULER_CONCURRENCY) and nothing else: a worker
        // gives it back as soon as Ledger has answered, and hands the answer on after.
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < companies.size(); i++) {
                slots.acquireUninterruptibly();
                if (stopping) {
                    slots.release();
                    answers.notAsked(companies.subList(i, companies.size()));
                    break;
                }
                Company company = companies.get(i);
                workers.execute(() -> {
                    Answer answer;
                    try {
                        answer = ask(company, period, notes);
                    } finally {
                        slots.release();
                    }
                    answers.answered(company, answer);
                });
            }
        }
    }

    /**
     * Asks Ledger to accept one company's bill, retrying what may succeed. The caller holds its slot through
     * the retries and their back-off too: the company is still being asked about, and a Ledger that just
     * failed is better given that pause than a fresh company in its place.
     */
    private Answer ask(Company company, BillingPeriod period, String notes) {
        Instant startedAt = clock.instant();
        for (int attempt = 1; ; attempt++) {
            AcceptOutcome outcome;
            try {
                outcome = ledger.acceptBill(company.account(), period, notes);
            } catch (RuntimeException e) {
                outcome = new AcceptOutcome.Failed(0, "unexpected error: " + e.getMessage(), true);
            }
            if (!(outcome instanceof AcceptOutcome.Failed f) || !f.retryable() || attempt >= retry.maxAttempts()
                    || stopping) {
                return new Answer(outcome, attempt, startedAt, finishedSince(startedAt));
            }
            sleep(retry.delayAfter(attempt).toMillis());
        }
    }

    /** Now, but never before {@code startedAt}, even if the wall clock stepped back meanwhile. */
    private Instant finishedSince(Instant startedAt) {
        Instant now = clock.instant();
        return now.isBefore(startedAt) ? startedAt : now;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
