package io.hivematrix.archive.application.service;

import io.hivematrix.archive.application.port.in.FieldError;
import io.hivematrix.archive.application.port.in.ManageSchedule;
import io.hivematrix.archive.application.port.out.ScheduleStore;
import io.hivematrix.archive.application.port.out.ScheduleTrigger;
import io.hivematrix.archive.domain.ScheduleConfig;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads and changes the schedule; a valid change is saved and handed to the trigger at once. */
public final class ManageScheduleService implements ManageSchedule {
    private final ScheduleStore store;
    private final ScheduleTrigger trigger;
    private final Clock clock;
    private final ZoneId defaultZone;

    public ManageScheduleService(ScheduleStore store, ScheduleTrigger trigger, Clock clock, ZoneId defaultZone) {
        this.store = Objects.requireNonNull(store);
        this.trigger = Objects.requireNonNull(trigger);
        this.clock = Objects.requireNonNull(clock);
        this.defaultZone = Objects.requireNonNull(defaultZone);
    }

    @Override
    public Current current() {
        ScheduleConfig config = store.load(defaultZone);
        return new Current(config, config.policy().nextFireAfter(clock.instant()).orElse(null));
    }

    @Override
    public UpdateResult update(Update u) {
        SchedulePolicy policy = store.load(defaultZone).policy();
        List<FieldError> errors = new ArrayList<>();
        if (u.dayOfMonth() != null) {
            policy = check(errors, "day_of_month", policy, p -> p.withDayOfMonth(u.dayOfMonth()));
        }
        if (u.hour() != null) {
            policy = check(errors, "hour", policy, p -> p.withHour(u.hour()));
        }
        if (u.timezone() != null) {
            policy = check(errors, "timezone", policy, p -> {
                try {
                    return p.withZone(ZoneId.of(u.timezone()));
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("must be an IANA time zone such as Europe/Berlin");
                }
            });
        }
        if (u.enabled() != null) {
            policy = policy.withEnabled(u.enabled());
        }
        if (u.previousMonth() != null) {
            policy = policy.withPreviousMonth(u.previousMonth());
        }
        if (u.allCompanies() != null) {
            policy = policy.withAllCompanies(u.allCompanies());
        }
        if (!errors.isEmpty()) {
            return new UpdateResult.Invalid(errors);
        }
        store.save(policy);
        trigger.reschedule(policy);
        return new UpdateResult.Updated(current());
    }

    private static SchedulePolicy check(List<FieldError> errors, String field, SchedulePolicy policy,
                                        java.util.function.UnaryOperator<SchedulePolicy> change) {
        try {
            return change.apply(policy);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return policy;
        }
    }
}
