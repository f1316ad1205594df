package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotJobTest {
    private static final UUID ID = UUID.fromString("7b0a3c1e-4d2f-4f6a-9b1c-2e3d4f5a6b7c");
    private static final BillingPeriod OCTOBER = new BillingPeriod(2025, 10);
    private static final Instant START = Instant.parse("2025-11-01T02:00:00Z");
    private static final Instant END = Instant.parse("2025-11-01T02:05:00Z");
    private static final AccountNumber A = new AccountNumber("620547");
    private static final AccountNumber B = new AccountNumber("183729");
    private static final AccountNumber C = new AccountNumber("555001");

    private static SnapshotJob started(int total) {
        return SnapshotJob.start(ID, JobType.SCHEDULED, OCTOBER, total, "scheduler", START);
    }

    // --- start ---

    @Test
    void start_isRunningWithNothingDone() {
        SnapshotJob job = started(3);
        assertEquals(ID, job.id());
        assertEquals(JobType.SCHEDULED, job.type());
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals(OCTOBER, job.target());
        assertEquals(3, job.totalCompanies());
        assertEquals(0, job.completedCompanies());
        assertEquals(0, job.successCount());
        assertEquals(0, job.failedCount());
        assertEquals(START, job.startedAt());
        assertNull(job.completedAt());
        assertEquals("scheduler", job.triggeredBy());
        assertTrue(job.outcomes().isEmpty());
        assertNull(job.error());
        assertFalse(job.success());
    }

    @Test
    void start_withNegativeTotal_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> started(-1));
        assertEquals("total companies must not be negative", e.getMessage());
    }

    @Test
    void start_withoutTriggeredBy_isRejected() {
        assertEquals("triggered by is required",
                Rejection.of(() -> SnapshotJob.start(ID, JobType.MANUAL, OCTOBER, 1, " ", START)));
    }

    @Test
    void start_withoutIdTypeTargetOrTime_isRejected() {
        assertThrows(NullPointerException.class, () -> SnapshotJob.start(null, JobType.BULK, OCTOBER, 1, "x", START));
        assertThrows(NullPointerException.class, () -> SnapshotJob.start(ID, null, OCTOBER, 1, "x", START));
        assertThrows(NullPointerException.class, () -> SnapshotJob.start(ID, JobType.BULK, null, 1, "x", START));
        assertThrows(NullPointerException.class, () -> SnapshotJob.start(ID, JobType.BULK, OCTOBER, 1, "x", null));
    }

    // --- recording ---

    @Test
    void recordSuccess_countsAndKeepsTheOutcome() {
        SnapshotJob job = started(2).recordSuccess(A, "Acme", "201 archived", 1);
        assertEquals(1, job.completedCompanies());
        assertEquals(1, job.successCount());
        assertEquals(0, job.failedCount());
        assertEquals(List.of(new CompanyOutcome(A, "Acme", true, "201 archived", 1)), job.outcomes());
        assertEquals(JobStatus.RUNNING, job.status());
    }

    @Test
    void recordFailure_countsAndKeepsTheError() {
        SnapshotJob job = started(2).recordFailure(B, null, "ledger answered 500", 3);
        assertEquals(1, job.completedCompanies());
        assertEquals(0, job.successCount());
        assertEquals(1, job.failedCount());
        assertEquals(List.of(new CompanyOutcome(B, null, false, "ledger answered 500", 3)), job.outcomes());
    }

    @Test
    void recording_returnsANewValueAndLeavesTheOldOneAlone() {
        SnapshotJob before = started(2);
        SnapshotJob after = before.recordSuccess(A, "Acme", null, 1);
        assertNotSame(before, after);
        assertEquals(0, before.completedCompanies());
        assertTrue(before.outcomes().isEmpty());
    }

    @Test
    void outcomes_keepTheOrderTheyWereRecorded() {
        SnapshotJob job = started(3)
                .recordFailure(C, "Gamma", "timeout", 3)
                .recordSuccess(A, "Acme", null, 1)
                .recordFailure(B, "Beta", "500", 2);
        assertEquals(List.of(C, A, B), job.outcomes().stream().map(CompanyOutcome::account).toList());
    }

    @Test
    void outcomes_cannotBeModifiedFromOutside() {
        SnapshotJob job = started(1).recordSuccess(A, null, null, 1);
        assertThrows(UnsupportedOperationException.class, () -> job.outcomes().clear());
    }

    @Test
    void recordingMoreThanTotal_isIllegal() {
        SnapshotJob full = started(1).recordSuccess(A, null, null, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> full.recordFailure(B, null, "x", 1));
        assertEquals("every company already has an outcome", e.getMessage());
    }

    @Test
    void recordingTheSameAccountTwice_isIllegal() {
        SnapshotJob job = started(2).recordFailure(A, null, "timeout", 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> job.recordSuccess(A, null, null, 2));
        assertEquals("account 620547 already has an outcome", e.getMessage());
    }

    @Test
    void recordingWithNegativeAttempts_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> started(1).recordSuccess(A, null, null, -1));
    }

    @Test
    void recordingWithZeroAttempts_isAllowedForCompaniesThatNeededNoCall() {
        assertEquals(0, started(1).recordSuccess(A, null, "already archived", 0).outcomes().get(0).attempts());
    }

    @Test
    void recordFailure_keepsALongErrorCutToTheDetailLimit() {
        SnapshotJob job = started(1).recordFailure(A, null, "e".repeat(5_000), 1);
        String detail = job.outcomes().get(0).detail();
        assertEquals(Text.DESCRIPTION, detail.codePointCount(0, detail.length()));
        assertTrue(detail.endsWith("…"));
    }

    @Test
    void recordFailure_dropsNulCharactersRatherThanFailing() {
        SnapshotJob job = started(1).recordFailure(A, null, "bad\0body", 1);
        assertEquals("badbody", job.outcomes().get(0).detail());
    }

    @Test
    void recordFailure_neverSplitsASurrogatePairWhenCutting() {
        String error = "😀".repeat(Text.DESCRIPTION + 10);
        String detail = started(1).recordFailure(A, null, error, 1).outcomes().get(0).detail();
        assertEquals(Text.DESCRIPTION, detail.codePointCount(0, detail.length()));
        assertFalse(Character.isHighSurrogate(detail.charAt(detail.length() - 2)));
    }

    @Test
    void recordSuccess_withDetails_keepsStatusInvoiceNumberAndTimes() {
        SnapshotJob job = started(1).recordSuccess(A, "Acme", "archived", 2, 201, "620547-202510", START, END);
        assertEquals(List.of(new CompanyOutcome(A, "Acme", true, "archived", 2, 201, "620547-202510", START, END)),
                job.outcomes());
    }

    @Test
    void recordFailure_withDetails_keepsStatusAndTimesButNoInvoiceNumber() {
        CompanyOutcome o = started(1).recordFailure(A, null, "boom", 3, 503, START, END).outcomes().get(0);
        assertEquals(503, o.httpStatus());
        assertNull(o.invoiceNumber());
        assertEquals(START, o.startedAt());
        assertEquals(END, o.finishedAt());
    }

    @Test
    void outcome_theOldConstructor_leavesTheNewFieldsEmpty() {
        CompanyOutcome o = new CompanyOutcome(A, null, true, null, 0);
        assertNull(o.httpStatus());
        assertNull(o.invoiceNumber());
        assertNull(o.startedAt());
        assertNull(o.finishedAt());
    }

    @Test
    void outcome_withAnImpossibleHttpStatus_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new CompanyOutcome(A, null, false, null, 1, 0, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CompanyOutcome(A, null, false, null, 1, 600, null, null, null));
    }

    @Test
    void outcome_withABadInvoiceNumber_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new CompanyOutcome(A, null, true, null, 1, 201, " ", null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CompanyOutcome(A, null, true, null, 1, 201, "x".repeat(51), null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CompanyOutcome(A, null, false, null, 1, 500, "620547-202510", null, null));
    }

    @Test
    void outcome_finishedBeforeItStarted_isRejected() {
        assertEquals("finished at must not be before started at",
                Rejection.of(() -> new CompanyOutcome(A, null, true, null, 1, 201, null, END, START)));
    }

    // --- finish ---

    @Test
    void finish_withNoFailures_isCompleted() {
        SnapshotJob job = started(2).recordSuccess(A, null, null, 1).recordSuccess(B, null, null, 1).finish(END);
        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(END, job.completedAt());
        assertTrue(job.success());
        assertNull(job.error());
        assertTrue(job.failedAccounts().isEmpty());
    }

    @Test
    void finish_withSomeFailures_isPartial() {
        SnapshotJob job = started(2).recordSuccess(A, null, null, 1).recordFailure(B, null, "500", 3).finish(END);
        assertEquals(JobStatus.PARTIAL, job.status());
        assertFalse(job.success());
        assertNull(job.error());
        assertEquals(List.of(B), job.failedAccounts());
    }

    @Test
    void finish_withEveryCompanyFailed_isFailed() {
        SnapshotJob job = started(2).recordFailure(A, null, "500", 3).recordFailure(B, null, "timeout", 3)
                .finish(END);
        assertEquals(JobStatus.FAILED, job.status());
        assertFalse(job.success());
        assertNull(job.error());
        assertEquals(List.of(A, B), job.failedAccounts());
    }

    @Test
    void finish_withNoCompanies_isCompleted() {
        SnapshotJob job = started(0).finish(END);
        assertEquals(JobStatus.COMPLETED, job.status());
        assertTrue(job.success());
    }

    @Test
    void finish_atTheStartInstant_isAllowed() {
        assertEquals(START, started(0).finish(START).completedAt());
    }

    @Test
    void finish_beforeItStarted_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> started(0).finish(START.minusSeconds(1)));
        assertEquals("completed at must not be before started at", e.getMessage());
    }

    @Test
    void finish_withCompaniesStillOpen_isIllegal() {
        SnapshotJob job = started(3).recordSuccess(A, null, null, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> job.finish(END));
        assertEquals("2 of 3 companies have no outcome yet", e.getMessage());
    }

    @Test
    void finish_withoutTime_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> started(0).finish(null));
    }

    // --- fail ---

    @Test
    void fail_isFailedWithTheError() {
        SnapshotJob job = started(0).fail("Codex is not configured", END);
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Codex is not configured", job.error());
        assertEquals(END, job.completedAt());
        assertFalse(job.success());
    }

    @Test
    void fail_midRun_keepsWhatWasRecorded() {
        SnapshotJob job = started(3).recordSuccess(A, null, null, 1).recordFailure(B, null, "500", 3)
                .fail("interrupted: instance shut down", END);
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals(2, job.completedCompanies());
        assertEquals(1, job.successCount());
        assertEquals(List.of(B), job.failedAccounts());
    }

    @Test
    void fail_withoutAnError_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> started(1).fail(null, END));
        assertThrows(IllegalArgumentException.class, () -> started(1).fail("  ", END));
        assertThrows(IllegalArgumentException.class, () -> started(1).fail("\0", END));
    }

    @Test
    void fail_keepsAVeryLongErrorCutToTheLimit() {
        SnapshotJob job = started(1).fail("x".repeat(20_000), END);
        assertEquals(Text.NOTES, job.error().length());
    }

    // --- a finished job is final ---

    static Stream<Arguments> finishedJobs() {
        return Stream.of(
                Arguments.of("completed", started(1).recordSuccess(A, null, null, 1).finish(END)),
                Arguments.of("partial", started(2).recordSuccess(A, null, null, 1)
                        .recordFailure(B, null, "500", 1).finish(END)),
                Arguments.of("failed by companies", started(1).recordFailure(A, null, "500", 1).finish(END)),
                Arguments.of("failed outright", started(2).fail("Codex is not configured", END)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finishedJobs")
    void finishedJob_cannotRecordMoreOutcomes(String name, SnapshotJob job) {
        assertThrows(IllegalStateException.class, () -> job.recordSuccess(C, null, null, 1));
        assertThrows(IllegalStateException.class, () -> job.recordFailure(C, null, "x", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finishedJobs")
    void finishedJob_cannotFinishOrFailAgain(String name, SnapshotJob job) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> job.finish(END));
        assertTrue(e.getMessage().startsWith("cannot finish: job has already ended ("), e.getMessage());
        assertThrows(IllegalStateException.class, () -> job.fail("again", END));
    }

    // --- failedAccounts / success ---

    @Test
    void failedAccounts_listsOnlyFailuresInRecordedOrder() {
        SnapshotJob job = started(3)
                .recordFailure(C, null, "timeout", 3)
                .recordSuccess(A, null, null, 1)
                .recordFailure(B, null, "500", 3);
        assertEquals(List.of(C, B), job.failedAccounts());
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void success_isTrueOnlyWhenCompleted(JobStatus status) {
        SnapshotJob job = switch (status) {
            case RUNNING -> started(1);
            case COMPLETED -> started(0).finish(END);
            case PARTIAL -> started(2).recordSuccess(A, null, null, 1).recordFailure(B, null, "x", 1).finish(END);
            case FAILED -> started(1).fail("boom", END);
        };
        assertEquals(status, job.status());
        assertEquals(status == JobStatus.COMPLETED, job.success());
    }

    @Test
    void retryJob_canBeStartedForTheFailedAccounts() {
        SnapshotJob partial = started(2).recordSuccess(A, null, null, 1).recordFailure(B, null, "500", 3).finish(END);
        SnapshotJob retry = SnapshotJob.start(UUID.randomUUID(), JobType.RETRY, partial.target(),
                partial.failedAccounts().size(), "admin@example.com", END);
        SnapshotJob done = retry.recordSuccess(B, null, "201", 1).finish(END.plusSeconds(5));
        assertEquals(JobStatus.COMPLETED, done.status());
    }

    // --- constructor invariants (e.g. when a stored job is loaded) ---

    private record Fields(JobStatus status, int total, int completed, int success, int failed, Instant completedAt,
                          List<CompanyOutcome> outcomes, String error) {
        SnapshotJob build() {
            return new SnapshotJob(ID, JobType.BULK, status, OCTOBER, total, completed, success, failed, START,
                    completedAt, "admin@example.com", outcomes, error);
        }
    }

    private static Arguments invalid(String message, Fields fields) {
        return Arguments.of(message, fields);
    }

    private static CompanyOutcome ok(AccountNumber account) {
        return new CompanyOutcome(account, null, true, null, 1);
    }

    private static CompanyOutcome bad(AccountNumber account) {
        return new CompanyOutcome(account, null, false, "500", 1);
    }

    static Stream<Arguments> invalidJobs() {
        List<CompanyOutcome> none = List.of();
        return Stream.of(
                invalid("completed companies must not be negative",
                        new Fields(JobStatus.RUNNING, 1, -1, 0, -1, null, none, null)),
                invalid("success count must not be negative",
                        new Fields(JobStatus.RUNNING, 1, 0, -1, 1, null, none, null)),
                invalid("failed count must not be negative",
                        new Fields(JobStatus.RUNNING, 1, 0, 1, -1, null, none, null)),
                invalid("completed companies must equal success count plus failed count",
                        new Fields(JobStatus.RUNNING, 3, 1, 1, 1, null, none, null)),
                invalid("completed companies must not exceed total companies",
                        new Fields(JobStatus.RUNNING, 1, 2, 2, 0, null, none, null)),
                invalid("a running job must not have completed at",
                        new Fields(JobStatus.RUNNING, 1, 0, 0, 0, END, none, null)),
                invalid("a finished job must have completed at",
                        new Fields(JobStatus.COMPLETED, 0, 0, 0, 0, null, none, null)),
                invalid("a finished job must have completed at",
                        new Fields(JobStatus.FAILED, 1, 0, 0, 0, null, none, "boom")),
                invalid("completed at must not be before started at",
                        new Fields(JobStatus.COMPLETED, 0, 0, 0, 0, START.minusMillis(1), none, null)),
                invalid("only a failed job may have an error",
                        new Fields(JobStatus.RUNNING, 1, 0, 0, 0, null, none, "boom")),
                invalid("only a failed job may have an error",
                        new Fields(JobStatus.COMPLETED, 0, 0, 0, 0, END, none, "boom")),
                invalid("error must not be blank",
                        new Fields(JobStatus.FAILED, 1, 0, 0, 0, END, none, " ")),
                invalid("a completed job must have every company done and none failed",
                        new Fields(JobStatus.COMPLETED, 2, 1, 1, 0, END, none, null)),
                invalid("a completed job must have every company done and none failed",
                        new Fields(JobStatus.COMPLETED, 2, 2, 1, 1, END, none, null)),
                invalid("a partial job must have every company done, some succeeded and some failed",
                        new Fields(JobStatus.PARTIAL, 2, 2, 2, 0, END, none, null)),
                invalid("a partial job must have every company done, some succeeded and some failed",
                        new Fields(JobStatus.PARTIAL, 2, 2, 0, 2, END, none, null)),
                invalid("a partial job must have every company done, some succeeded and some failed",
                        new Fields(JobStatus.PARTIAL, 3, 2, 1, 1, END, none, null)),
                invalid("a failed job must have an error or every company failed",
                        new Fields(JobStatus.FAILED, 0, 0, 0, 0, END, none, null)),
                invalid("a failed job must have an error or every company failed",
                        new Fields(JobStatus.FAILED, 2, 2, 1, 1, END, none, null)),
                invalid("a failed job must have an error or every company failed",
                        new Fields(JobStatus.FAILED, 2, 1, 0, 1, END, none, null)),
                invalid("outcomes must agree with the counts",
                        new Fields(JobStatus.RUNNING, 3, 2, 2, 0, null, List.of(ok(A)), null)),
                invalid("outcomes must agree with the counts",
                        new Fields(JobStatus.RUNNING, 3, 2, 2, 0, null, List.of(ok(A), bad(B)), null)),
                invalid("outcomes must not repeat an account",
                        new Fields(JobStatus.RUNNING, 3, 2, 2, 0, null, List.of(ok(A), ok(A)), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJobs")
    void inconsistentJob_isRejected(String message, Fields fields) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, fields::build);
        assertEquals(message, e.getMessage());
    }

    @Test
    void storedJobKnownOnlyByItsCounts_isValid() {
        SnapshotJob job = new Fields(JobStatus.PARTIAL, 5, 5, 3, 2, END, List.of(), null).build();
        assertEquals(3, job.successCount());
        assertTrue(job.failedAccounts().isEmpty());
    }

    @Test
    void storedJobWithOutcomes_roundTripsThroughTheConstructor() {
        SnapshotJob job = started(2).recordSuccess(A, "Acme", null, 1).recordFailure(B, "Beta", "500", 3).finish(END);
        SnapshotJob copy = new SnapshotJob(job.id(), job.type(), job.status(), job.target(), job.totalCompanies(),
                job.completedCompanies(), job.successCount(), job.failedCount(), job.startedAt(), job.completedAt(),
                job.triggeredBy(), new ArrayList<>(job.outcomes()), job.error());
        assertEquals(job, copy);
    }

    @Test
    void failedWithErrorAndNoCompanies_isValid() {
        SnapshotJob job = new Fields(JobStatus.FAILED, 0, 0, 0, 0, END, List.of(), "Codex is not configured").build();
        assertEquals("Codex is not configured", job.error());
    }

    @Test
    void nullOutcomesOrNullElements_areRejected() {
        assertThrows(NullPointerException.class,
                () -> new Fields(JobStatus.RUNNING, 1, 0, 0, 0, null, null, null).build());
        List<CompanyOutcome> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class,
                () -> new Fields(JobStatus.RUNNING, 1, 1, 1, 0, null, withNull, null).build());
    }

    @Test
    void outcomesPassedIn_areCopied() {
        List<CompanyOutcome> outcomes = new ArrayList<>(List.of(ok(A)));
        SnapshotJob job = new Fields(JobStatus.RUNNING, 2, 1, 1, 0, null, outcomes, null).build();
        outcomes.add(ok(B));
        assertEquals(1, job.outcomes().size());
    }

    // --- CompanyOutcome ---

    @Test
    void companyOutcome_validatesItsFields() {
        assertThrows(NullPointerException.class, () -> new CompanyOutcome(null, null, true, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new CompanyOutcome(A, null, true, null, -1));
        assertThrows(IllegalArgumentException.class, () -> new CompanyOutcome(A, "x".repeat(256), true, null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new CompanyOutcome(A, null, false, "x".repeat(Text.DESCRIPTION + 1), 1));
    }

    @Test
    void companyNameOfRecordedOutcome_isValidated() {
        Function<String, SnapshotJob> record = name -> started(1).recordSuccess(A, name, null, 1);
        assertEquals("Acme", record.apply("Acme").outcomes().get(0).companyName());
        assertThrows(IllegalArgumentException.class, () -> record.apply("x".repeat(256)));
    }

    @Test
    void aDiagnosticUpToTheLimit_isKeptWhole_andALongerOneCutWithAnEllipsis() {
        String exact = "e".repeat(Text.DESCRIPTION);
        assertEquals(exact, started(1).recordFailure(A, "Acme", exact, 4).outcomes().getFirst().detail());
        assertEquals("HTTP 503: busy", started(1).recordFailure(A, "Acme", "HTTP 503: busy", 4).outcomes().getFirst()
                .detail());
        String cut = started(1).recordFailure(A, "Acme", exact + "f", 4).outcomes().getFirst().detail();
        assertEquals(Text.DESCRIPTION, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("e\u2026"), cut.substring(cut.length() - 3));
    }

    @Test
    void ledgersHttpStatus_isAnyRealStatus_from100To599() {
        Instant at = START;
        assertEquals(100, new CompanyOutcome(A, "Acme", false, "x", 1, 100, null, at, at).httpStatus());
        assertEquals(599, new CompanyOutcome(A, "Acme", false, "x", 1, 599, null, at, at).httpStatus());
        for (int status : new int[] {99, 600}) {
            assertEquals("HTTP status must be between 100 and 599",
                    Rejection.of(() -> new CompanyOutcome(A, "Acme", false, "x", 1, status, null, at, at)));
        }
    }

    @Test
    void anOutcomeWithoutDetail_staysWithoutDetail() {
        assertNull(started(1).recordSuccess(A, "Acme", null, 1).outcomes().getFirst().detail());
    }
}
