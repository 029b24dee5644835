package dev.pushdeck.dispatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.dispatch.policy.RunGuard.Tally;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunGuardTest {

    static Stream<Arguments> tallies() {
        return Stream.of(
                // accepted, refused, stops, marks devices at the end
                Arguments.of("nothing answered yet", 0, 0, false, false),
                Arguments.of("a few refusals first", 0, 49, false, false),
                Arguments.of("50 of the first 50 refused", 0, 50, true, false),
                Arguments.of("one acceptance among the first refusals", 1, 60, false, false),
                Arguments.of("ordinary run with some dead tokens", 9_500, 500, false, true),
                Arguments.of("half refused", 500, 500, false, true),
                Arguments.of("more refused than accepted", 400, 600, false, false),
                Arguments.of("95 % of a thousand refused", 50, 950, false, false),
                Arguments.of("over 95 % of a thousand refused", 49, 951, true, false),
                Arguments.of("over 95 % of fewer than a thousand", 10, 900, false, false),
                Arguments.of("small run, every device refused", 0, 5, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tallies")
    void aRunStopsOnlyWhenRefusalsDominateAndMarksDevicesOnlyWhenItWentWell(String what, long accepted,
                                                                           long refused, boolean stops,
                                                                           boolean marks) {
        Tally tally = new Tally(accepted, Map.of("DeviceTokenNotForTopic", refused));
        assertThat(RunGuard.DEFAULT.stopReason(tally) != null).as("stops").isEqualTo(stops);
        assertThat(RunGuard.DEFAULT.mayMarkDevices(tally)).as("marks devices").isEqualTo(marks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tallies")
    void theStopReasonNamesTheMostFrequentRefusalAndTheCounts(String what, long accepted, long refused,
                                                             boolean stops, boolean marks) {
        Tally tally = new Tally(accepted, Map.of("BadDeviceToken", refused / 3, "DeviceTokenNotForTopic",
                refused - refused / 3));
        if (stops) {
            assertThat(RunGuard.DEFAULT.stopReason(tally)).isEqualTo("dispatch.stop.misconfigured|"
                    + "DeviceTokenNotForTopic|" + refused + "|" + (accepted + refused));
        }
    }
}
