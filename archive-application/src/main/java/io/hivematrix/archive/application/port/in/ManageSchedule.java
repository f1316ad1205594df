package io.hivematrix.archive.application.port.in;

import io.hivematrix.archive.domain.ScheduleConfig;
import java.time.ZonedDateTime;
import java.util.List;

/** Use case: read and change the monthly schedule. */
public interface ManageSchedule {

    /** The configuration with its next fire time (null when disabled). */
    Current current();

    /** Applies the given fields only; all are checked first and nothing changes unless all are valid. */
    UpdateResult update(Update update);

    /** The stored configuration and when it fires next. */
    record Current(ScheduleConfig config, ZonedDateTime nextRunAt) {
    }

    /** A partial change: null fields stay as they are. {@code timezone} is an IANA zone id. */
    record Update(Boolean enabled, Integer dayOfMonth, Integer hour, Boolean previousMonth, Boolean allCompanies,
                  String timezone) {
    }

    /** Outcome of an update. */
    sealed interface UpdateResult {
        /** Saved; the schedule follows it from now on. */
        record Updated(Current now) implements UpdateResult {
        }

        /** Nothing changed. */
        record Invalid(List<FieldError> errors) implements UpdateResult {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }
    }
}
