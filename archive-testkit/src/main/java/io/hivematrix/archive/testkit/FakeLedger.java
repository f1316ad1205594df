package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A {@link LedgerGateway} that answers from a per-account script (then "archived"), remembers every
 * call, measures how many calls overlap, and can archive the bill the way real Ledger posts it back.
 */
public final class FakeLedger implements LedgerGateway {
    private final Map<AccountNumber, Deque<AcceptOutcome>> scripts = new ConcurrentHashMap<>();
    private final List<AccountNumber> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final BiConsumer<AccountNumber, BillingPeriod> onArchive;
    private final long callMillis;

    /** @param onArchive what "archiving" does (e.g. save a snapshot), or null; @param callMillis how long a call takes */
    public FakeLedger(BiConsumer<AccountNumber, BillingPeriod> onArchive, long callMillis) {
        this.onArchive = onArchive;
        this.callMillis = callMillis;
    }

    /** The next answers for this account, in order; once used up, calls succeed. */
    public FakeLedger script(String account, AcceptOutcome... outcomes) {
        scripts.computeIfAbsent(new AccountNumber(account), a -> new ArrayDeque<>()).addAll(List.of(outcomes));
        return this;
    }

    @Override
    public AcceptOutcome acceptBill(AccountNumber account, BillingPeriod period, String notes) {
        calls.add(account);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (callMillis > 0) {
                Thread.sleep(callMillis);
            }
            Deque<AcceptOutcome> script = scripts.get(account);
            AcceptOutcome scripted;
            synchronized (this) {
                scripted = script == null ? null : script.pollFirst();
            }
            if (scripted != null) {
                return scripted;
            }
            if (onArchive != null) {
                onArchive.accept(account, period);
            }
            return new AcceptOutcome.Archived(201);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AcceptOutcome.Failed(0, "interrupted", true);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public List<AccountNumber> calls() {
        return List.copyOf(calls);
    }

    public int maxConcurrentCalls() {
        return maxInFlight.get();
    }
}
