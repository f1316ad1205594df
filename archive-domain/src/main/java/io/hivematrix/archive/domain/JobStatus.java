package io.hivematrix.archive.domain;

import java.util.Locale;

/** Where a snapshot job stands: still running, or how it ended. */
public enum JobStatus {
    RUNNING, COMPLETED, PARTIAL, FAILED;

    /** The lower-case name used on the wire and in the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromCode(String code) {
        for (JobStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("job status must be one of running, completed, partial, failed");
    }
}
