package dev.pushdeck.campaign;

import java.time.Duration;
import java.util.List;

/**
 * An A/B test of a campaign's wording (docs/decisions/058-ab-tests.md): a share of the audience
 * is split evenly between version A (the campaign's own content) and the {@code versions} B, C
 * and D; the rest is held until the test is decided, then gets the winner: the version with the
 * best open rate when {@code wait} has passed, or the one a person picks before that.
 *
 * @param testPercent the share of the audience in the test, 1 to {@value #MAX_TEST_PERCENT}
 * @param waitMinutes how long after the launch the test is decided on its own
 * @param versions    the versions beside A, in their order (B, C, D): one to three
 */
public record AbTest(int testPercent, int waitMinutes, List<ContentVersion> versions) {

    /** At most half the audience is tested: the point is to send the rest the better version. */
    public static final int MAX_TEST_PERCENT = 50;
    /** Four versions at most: each more version halves what each one's rate is read from. */
    public static final int MAX_VERSIONS = 4;
    /** A week at most: a test decided later than that no longer tells anyone about this campaign. */
    public static final int MAX_WAIT_MINUTES = 7 * 24 * 60;
    public static final int DEFAULT_TEST_PERCENT = 20;
    public static final int DEFAULT_WAIT_MINUTES = 120;

    public AbTest {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public Duration waitDuration() {
        return Duration.ofMinutes(waitMinutes);
    }

    /** How many versions are tested, A included. */
    public int versionCount() {
        return versions.size() + 1;
    }

    /** A version's letter: 0 is A, the campaign's own content. */
    public static String letter(int version) {
        return String.valueOf((char) ('A' + version));
    }
}
