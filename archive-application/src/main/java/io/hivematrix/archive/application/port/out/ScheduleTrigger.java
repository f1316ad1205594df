package io.hivematrix.archive.application.port.out;

import io.hivematrix.archive.domain.SchedulePolicy;

/** Whatever fires the monthly run (the Quartz trigger) must follow a changed policy at once. */
public interface ScheduleTrigger {
    void reschedule(SchedulePolicy policy);
}
