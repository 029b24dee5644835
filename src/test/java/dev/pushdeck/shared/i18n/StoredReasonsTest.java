package dev.pushdeck.shared.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StoredReasonsTest {

    @Test
    void aStoredKeyReadsInTheReadersLanguageWithItsArguments() {
        String stored = StoredReasons.of(new ValidationException("schedule.zone", "campaign.schedule.zone.unknown",
                "Mars/Olympus"));

        assertThat(stored).isEqualTo("campaign.schedule.zone.unknown|Mars/Olympus");
        assertThat(StoredReasons.read(Locale.ENGLISH, stored))
                .isEqualTo("Unknown time zone \"Mars/Olympus\"; use an IANA zone like Asia/Shanghai.");
        assertThat(StoredReasons.read(Locale.SIMPLIFIED_CHINESE, stored)).contains("Mars/Olympus")
                .doesNotContain("Unknown");
    }

    @Test
    void numbersComeBackAsNumbersForPatternsThatFormatThem() {
        String stored = StoredReasons.of("campaign.throttle.invalid", 1_000_000);

        assertThat(StoredReasons.read(Locale.ENGLISH, stored))
                .isEqualTo("The throttle is 1 to 1000000 notifications per minute.");
    }

    @Test
    void olderFreeTextAndApplesReasonsReadAsTheyWereStored() {
        assertThat(StoredReasons.read(Locale.ENGLISH, "BadTopic")).isEqualTo("BadTopic");
        assertThat(StoredReasons.read(Locale.SIMPLIFIED_CHINESE, "The credential was revoked | by Apple"))
                .isEqualTo("The credential was revoked | by Apple");
        assertThat(StoredReasons.read(Locale.ENGLISH, null)).isNull();
    }
}
