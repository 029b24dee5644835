package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.campaign.AbVerdict.Counts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The A/B verdict as a table: counts per version (accepted, opened), the leader, and whether it can be called. */
class AbVerdictTest {

    static List<Arguments> verdicts() {
        return List.of(
                Arguments.of("the best rate leads, whatever its place",
                        List.of(of(500, 50), of(500, 150), of(500, 60)), 1, true),
                Arguments.of("a rate, not a count: fewer opens of fewer sends can lead",
                        List.of(of(1000, 100), of(200, 60)), 1, true),
                Arguments.of("a tie goes to the earlier version",
                        List.of(of(500, 100), of(400, 80), of(500, 100)), 0, false),
                Arguments.of("a tie between later versions goes to the earlier of them",
                        List.of(of(500, 10), of(500, 100), of(500, 100)), 1, false),
                Arguments.of("no opens at all keeps A", List.of(of(500, 0), of(500, 0)), 0, false),
                Arguments.of("nothing accepted yet keeps A", List.of(of(0, 0), of(0, 0), of(0, 0)), 0, false),
                Arguments.of("30 % against 10 % of 500 each is clear", List.of(of(500, 50), of(500, 150)), 1, true),
                Arguments.of("11 % against 10 % of 500 each is too small to call",
                        List.of(of(500, 55), of(500, 50)), 0, false),
                Arguments.of("the leader with four opens is too small to call",
                        List.of(of(8, 4), of(1000, 10)), 0, false),
                Arguments.of("the runner-up with four opens is too small to call",
                        List.of(of(40, 20), of(400, 4)), 0, false),
                Arguments.of("five opens and five unopened on both sides can be called",
                        List.of(of(10, 5), of(1000, 10)), 0, true),
                Arguments.of("the leader with four unopened is too small to call",
                        List.of(of(100, 96), of(100, 10)), 0, false),
                Arguments.of("the runner-up with four unopened is too small to call",
                        List.of(of(10_000, 9_990), of(1000, 996)), 0, false),
                Arguments.of("the lead is judged against the runner-up, not the last",
                        List.of(of(500, 150), of(500, 145), of(500, 10)), 0, false),
                Arguments.of("a single version leads and has nothing to be called against",
                        List.of(of(500, 250)), 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theLeaderAndWhetherItsLeadCanBeCalled(String situation, List<Counts> versions, int leader,
                                                boolean callable) {
        assertThat(AbVerdict.of(versions)).isEqualTo(new AbVerdict(leader, callable));
    }

    @Test
    void aRateIsOpensPerAcceptedDeliveryAndZeroBeforeAnyIsAccepted() {
        assertThat(of(400, 100).rate()).isEqualTo(0.25);
        assertThat(of(0, 0).rate()).isZero();
    }

    @Test
    void aVerdictNeedsAtLeastOneVersion() {
        assertThatThrownBy(() -> AbVerdict.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Counts of(long accepted, long opened) {
        return new Counts(accepted, opened);
    }
}
