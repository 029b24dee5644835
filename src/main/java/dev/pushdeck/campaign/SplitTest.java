package dev.pushdeck.campaign;

import java.time.Duration;

/**
 * How a launched campaign's audience is split for its {@link AbTest}, as the dispatcher needs it.
 *
 * @param testPercent the share of the audience sent at once, split evenly over the versions
 * @param versions    how many versions are tested (2 to 4); version 0 is the campaign's own content
 * @param waitFor     how long after the launch the test is decided
 */
public record SplitTest(int testPercent, int versions, Duration waitFor) {
}
