package dev.pushdeck.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ScheduleResolverTest {

    @Test
    void aTimeInTheSpringForwardGapMovesForwardByTheGap() {
        ResolvedSchedule resolved = ScheduleResolver.resolve(
                new Schedule(LocalDateTime.parse("2027-03-14T02:30"), "America/New_York", false));
        assertThat(resolved.firstAt()).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
        assertThat(resolved.gap()).isEqualTo(Duration.ofHours(1));
        assertThat(resolved.laterOffsetAt()).isNull();
    }

    @Test
    void aTimeThatOccursTwiceTakesTheEarlierOffsetAndReportsTheLaterOne() {
        ResolvedSchedule resolved = ScheduleResolver.resolve(
                new Schedule(LocalDateTime.parse("2027-11-07T01:30"), "America/New_York", false));
        assertThat(resolved.firstAt()).isEqualTo(Instant.parse("2027-11-07T05:30:00Z"));
        assertThat(resolved.laterOffsetAt()).isEqualTo(Instant.parse("2027-11-07T06:30:00Z"));
        assertThat(resolved.gap()).isNull();
    }

    @Test
    void deviceLocalTimeStartsWhenTheFirstZoneReachesItAndEndsWithTheLast() {
        ResolvedSchedule resolved = ScheduleResolver.resolve(
                new Schedule(LocalDateTime.parse("2027-06-01T09:00"), "Europe/Berlin", true));
        assertThat(resolved.firstAt()).isEqualTo(Instant.parse("2027-05-31T19:00:00Z"));
        assertThat(resolved.zoneAt()).isEqualTo(Instant.parse("2027-06-01T07:00:00Z"));
        assertThat(resolved.lastAt()).isEqualTo(Instant.parse("2027-06-01T21:00:00Z"));
    }

    @Test
    void anUnknownZoneOrAnOffsetIsRefusedOnTheZoneField() {
        for (String zone : new String[] {"Mars/Olympus", "+08:00", "", null}) {
            assertThatThrownBy(() -> ScheduleResolver.resolve(new Schedule(LocalDateTime.parse("2027-06-01T09:00"),
                    zone, false))).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.errors().get(0).field()).isEqualTo("schedule.zone"));
        }
    }
}
