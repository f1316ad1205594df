package io.hivematrix.archive.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hivematrix.archive.application.port.out.LedgerGateway;
import io.hivematrix.archive.application.port.out.LedgerGateway.AcceptOutcome;
import io.hivematrix.archive.domain.AccountNumber;
import io.hivematrix.archive.domain.BillingPeriod;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerGateway} does, the in-memory fake and the Ledger client alike: one call per bill, a
 * healthy Ledger's answer is Archived(201), a failing one's is a retryable failure carrying its status, and an
 * unreachable one's a retryable failure with no status.
 */
public abstract class LedgerGatewayContract {
    private static final BillingPeriod OCTOBER = new BillingPeriod(2025, 10);

    /**
     * A gateway to a Ledger the test can make fail, and ask what reached it.
     *
     * @param failNext makes Ledger answer the next call for an account with HTTP 500, archiving nothing
     * @param calls    how many calls for an account reached Ledger
     */
    public record Ledger(LedgerGateway gateway, Consumer<String> failNext, ToIntFunction<String> calls) {
    }

    /** A healthy Ledger. */
    protected abstract Ledger ledger();

    /** A gateway to a Ledger nobody can reach. */
    protected abstract LedgerGateway unreachable();

    /** Stops whatever the gateways made here started: a hook for subclasses, run after each test. */
    protected void tearDown() {
    }

    @AfterEach
    final void stop() {
        tearDown();
    }

    @Test
    void aHealthyLedger_archivesTheBill_withOneCall() {
        Ledger ledger = ledger();
        assertEquals(new AcceptOutcome.Archived(201),
                ledger.gateway().acceptBill(new AccountNumber("C01"), OCTOBER, "monthly run"));
        assertEquals(1, ledger.calls().applyAsInt("C01"));
        assertEquals(0, ledger.calls().applyAsInt("C02"));
        assertTrue(ledger.gateway().configured());
    }

    @Test
    void aFailingLedger_isARetryableFailureWithItsStatus_andTheNextCallArchives() {
        Ledger ledger = ledger();
        ledger.failNext().accept("C02");

        AcceptOutcome.Failed failed = assertInstanceOf(AcceptOutcome.Failed.class,
                ledger.gateway().acceptBill(new AccountNumber("C02"), OCTOBER, "monthly run"));
        assertEquals(500, failed.httpStatus());
        assertTrue(failed.retryable(), "a 5xx may pass");
        assertEquals(new AcceptOutcome.Archived(201),
                ledger.gateway().acceptBill(new AccountNumber("C02"), OCTOBER, "monthly run"));
        assertEquals(2, ledger.calls().applyAsInt("C02"));
    }

    @Test
    void anUnreachableLedger_isARetryableFailureWithoutStatus() {
        AcceptOutcome.Failed failed = assertInstanceOf(AcceptOutcome.Failed.class,
                unreachable().acceptBill(new AccountNumber("C03"), OCTOBER, "monthly run"));
        assertEquals(0, failed.httpStatus());
        assertTrue(failed.retryable(), "Ledger may be back on the next try");
    }
}
