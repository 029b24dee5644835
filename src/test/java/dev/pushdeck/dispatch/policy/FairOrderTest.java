package dev.pushdeck.dispatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FairOrderTest {

    private record Run(String team, int n) {
        @Override
        public String toString() {
            return team + n;
        }
    }

    private static List<Run> runs(String team, int count) {
        return IntStream.range(0, count).mapToObj(n -> new Run(team, n)).toList();
    }

    @Test
    void eachTeamGetsItsTurnBeforeAnyTeamsSecondRun() {
        List<Run> runs = new java.util.ArrayList<>(runs("a", 5));
        runs.addAll(runs("b", 1));
        runs.addAll(runs("c", 2));
        assertThat(FairOrder.of(runs, Run::team, 0).toString()).isEqualTo("[a0, b0, c0, a1, c1, a2, a3, a4]");
    }

    @Test
    void theTeamAndRunThatGoFirstRotateFromRoundToRound() {
        List<Run> runs = new java.util.ArrayList<>(runs("a", 3));
        runs.addAll(runs("b", 1));
        List<String> firsts = IntStream.range(0, 4).mapToObj(turn -> FairOrder.of(runs, Run::team, turn).get(0)
                .toString()).collect(Collectors.toList());
        assertThat(firsts).containsExactly("a0", "b0", "a1", "b0");
        assertThat(FairOrder.of(runs, Run::team, 2)).hasSize(4);
    }

    @Test
    void nothingToOrderIsNothing() {
        assertThat(FairOrder.of(List.<Run>of(), Run::team, 3)).isEmpty();
    }
}
