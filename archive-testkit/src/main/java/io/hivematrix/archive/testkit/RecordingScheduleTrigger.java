package io.hivematrix.archive.testkit;

import io.hivematrix.archive.application.port.out.ScheduleTrigger;
import io.hivematrix.archive.domain.SchedulePolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ScheduleTrigger} that only remembers the policies it was asked to follow. */
public final class RecordingScheduleTrigger implements ScheduleTrigger {
    private final List<SchedulePolicy> followed = new CopyOnWriteArrayList<>();

    @Override
    public void reschedule(SchedulePolicy policy) {
        followed.add(policy);
    }

    public List<SchedulePolicy> followed() {
        return List.copyOf(followed);
    }
}
