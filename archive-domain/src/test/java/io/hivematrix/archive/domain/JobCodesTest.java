package io.hivematrix.archive.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire and database codes of {@link JobStatus} and {@link JobType}. */
class JobCodesTest {

    @ParameterizedTest
    @CsvSource({"RUNNING, running", "COMPLETED, completed", "PARTIAL, partial", "FAILED, failed"})
    void statusCode_isTheLowerCaseNameAndParsesBack(JobStatus status, String code) {
        assertEquals(code, status.code());
        assertEquals(status, JobStatus.fromCode(code));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "RUNNING", "done", "success", "partial "})
    void unknownStatusCode_isRejected(String code) {
        assertEquals("job status must be one of running, completed, partial, failed",
                Rejection.of(() -> JobStatus.fromCode(code)));
    }

    @ParameterizedTest
    @CsvSource({"SCHEDULED, scheduled", "MANUAL, manual", "BULK, bulk", "RETRY, retry"})
    void typeCode_isTheLowerCaseNameAndParsesBack(JobType type, String code) {
        assertEquals(code, type.code());
        assertEquals(type, JobType.fromCode(code));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Manual", "cron", "bulk_create"})
    void unknownTypeCode_isRejected(String code) {
        assertEquals("job type must be one of scheduled, manual, bulk, retry",
                Rejection.of(() -> JobType.fromCode(code)));
    }
}
