package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.campaign.QuietHours.Action;
import dev.pushdeck.campaign.QuietHours.Placement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a delivery due at an instant goes under quiet hours, by the device's zone. No database. */
class QuietHoursTest {

    @ParameterizedTest(name = "{0} {1}–{2}: due {3} is released at {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # zone            | from  | to    | due (UTC)            | released (UTC)        | why
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-10T19:59:00Z | 2026-06-10T19:59:00Z  | 21:59 local, just before the window
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-10T20:00:00Z | 2026-06-11T06:00:00Z  | 22:00 is the first quiet minute
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-10T21:30:00Z | 2026-06-11T06:00:00Z  | 23:30, before midnight: next morning
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-11T01:00:00Z | 2026-06-11T06:00:00Z  | 03:00, after midnight: this morning
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-11T06:00:00Z | 2026-06-11T06:00:00Z  | 08:00 is not quiet any more
            Europe/Berlin     | 12:00 | 14:00 | 2026-06-10T11:00:00Z | 2026-06-10T12:00:00Z  | a window within one day
            Europe/Berlin     | 12:00 | 14:00 | 2026-06-10T09:59:00Z | 2026-06-10T09:59:00Z  | 11:59, before it
            Etc/UTC           | 22:00 | 00:00 | 2026-06-10T23:59:00Z | 2026-06-11T00:00:00Z  | a window ending at midnight
            Etc/UTC           | 22:00 | 00:00 | 2026-06-11T00:00:00Z | 2026-06-11T00:00:00Z  | midnight itself is not quiet
            Etc/UTC           | 00:00 | 06:00 | 2026-06-11T00:00:00Z | 2026-06-11T06:00:00Z  | a window starting at midnight
            Etc/UTC           | 00:00 | 06:00 | 2026-06-10T23:59:00Z | 2026-06-10T23:59:00Z  | the minute before it
            Asia/Kolkata      | 22:00 | 07:00 | 2026-06-10T17:00:00Z | 2026-06-11T01:30:00Z  | a half-hour offset
            Australia/Sydney  | 21:00 | 09:00 | 2026-12-06T10:00:00Z | 2026-12-06T22:00:00Z  | southern summer time
            Asia/Tokyo        | 22:00 | 08:00 | 2026-06-10T21:00:00Z | 2026-06-10T23:00:00Z  | 06:00 in Tokyo
            America/New_York  | 22:00 | 08:00 | 2026-06-10T21:00:00Z | 2026-06-10T21:00:00Z  | 17:00 in New York: the same instant is not quiet there
            Europe/Berlin     | 22:00 | 08:00 | 2026-03-28T22:00:00Z | 2026-03-29T06:00:00Z  | clocks spring forward in the night: 08:00 summer time
            Europe/Berlin     | 01:00 | 02:30 | 2026-03-29T00:30:00Z | 2026-03-29T01:00:00Z  | the end 02:30 never shows: over when the clock jumps to 03:00
            Europe/Berlin     | 22:00 | 02:30 | 2026-10-24T21:00:00Z | 2026-10-25T00:30:00Z  | clocks fall back: the first 02:30 (summer time) ends it
            Europe/Berlin     | 22:00 | 02:30 | 2026-10-25T01:10:00Z | 2026-10-25T01:30:00Z  | 02:10 on the second pass: the second 02:30 ends it
            America/New_York  | 22:00 | 01:30 | 2026-11-01T05:10:00Z | 2026-11-01T05:30:00Z  | 01:10 daylight time: 01:30 daylight time
            America/New_York  | 22:00 | 01:30 | 2026-11-01T06:10:00Z | 2026-11-01T06:30:00Z  | 01:10 standard time: 01:30 standard time
            America/New_York  | 22:00 | 08:00 | 2026-11-01T03:00:00Z | 2026-11-01T13:00:00Z  | fall back in the night: 08:00 standard time
            """)
    void aDeliveryDueInsideTheWindowIsHeldToItsEndOnTheDevicesClock(String zone, LocalTime from, LocalTime to,
                                                                     Instant due, Instant released, String why) {
        Placement placed = new QuietHours(from, to, Action.HOLD).place(due, ZoneId.of(zone));
        assertThat(placed.skipped()).as(why).isFalse();
        assertThat(placed.at()).as(why).isEqualTo(released);
        assertThat(placed.at()).as("never earlier than due").isAfterOrEqualTo(due);
    }

    @ParameterizedTest(name = "{0} {1}–{2}: due {3} skipped: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-10T21:30:00Z | true
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-11T06:00:00Z | false
            Europe/Berlin     | 22:00 | 08:00 | 2026-06-10T19:59:00Z | false
            Asia/Shanghai     | 22:00 | 08:00 | 2026-06-10T15:00:00Z | true
            Asia/Shanghai     | 22:00 | 08:00 | 2026-06-10T00:00:00Z | false
            """)
    void aSkippingCampaignSkipsWhatIsDueInsideTheWindowAndKeepsItsTime(String zone, LocalTime from, LocalTime to,
                                                                       Instant due, boolean skipped) {
        Placement placed = new QuietHours(from, to, Action.SKIP).place(due, ZoneId.of(zone));
        assertThat(placed.skipped()).isEqualTo(skipped);
        assertThat(placed.at()).isEqualTo(due);
    }

    @ParameterizedTest(name = "{0}–{1} covers {2}: {3}")
    @CsvSource({
            "22:00, 08:00, 21:59, false", "22:00, 08:00, 22:00, true", "22:00, 08:00, 00:00, true",
            "22:00, 08:00, 07:59, true", "22:00, 08:00, 08:00, false", "09:00, 17:00, 12:00, true",
            "09:00, 17:00, 17:00, false", "09:00, 17:00, 08:59, false", "23:59, 00:00, 23:59, true",
            "00:00, 00:01, 00:00, true", "00:00, 00:01, 00:01, false"})
    void theWindowStartsAtItsFirstMinuteAndEndsBeforeItsLast(LocalTime from, LocalTime to, LocalTime local,
                                                             boolean covered) {
        assertThat(new QuietHours(from, to, null).covers(local)).isEqualTo(covered);
    }

    @Test
    void quietHoursHoldUnlessTheySaySkip() {
        assertThat(new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), null).action()).isEqualTo(Action.HOLD);
    }
}
