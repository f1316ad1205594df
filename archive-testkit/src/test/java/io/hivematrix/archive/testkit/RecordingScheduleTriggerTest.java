package io.hivematrix.archive.testkit;

import io.hivematrix.archive.domain.SchedulePolicy;
import io.hivematrix.archive.testkit.contract.ScheduleTriggerContract;
import java.time.ZonedDateTime;

/** The recording trigger follows policies as the Quartz trigger does: the last one it was given. */
class RecordingScheduleTriggerTest extends ScheduleTriggerContract {
    @Override
    protected Subject following(SchedulePolicy initial) {
        RecordingScheduleTrigger recording = new RecordingScheduleTrigger();
        recording.reschedule(initial);
        return new Subject(recording,
                () -> recording.followed().getLast().nextFireAfter(CLOCK.instant()).map(ZonedDateTime::toInstant));
    }
}
