package io.hivematrix.archive.domain;

import java.util.Locale;

/** What started a snapshot job: the schedule, a person, a bulk request or a retry of failed companies. */
public enum JobType {
    SCHEDULED, MANUAL, BULK, RETRY;

    /** The lower-case name used on the wire and in the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobType fromCode(String code) {
        for (JobType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("job type must be one of scheduled, manual, bulk, retry");
    }
}
