package dev.pushdeck.dispatch.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order runs are served in: each team gets its turn before any team's second run, and
 * the team and the run that go first rotate from round to round, so no team's run waits
 * behind another team's, however many runs that team has. Pure.
 */
public final class FairOrder {

    private FairOrder() {
    }

    /**
     * {@code items} in serving order for round {@code turn}.
     *
     * @param teamOf the team an item belongs to
     */
    public static <T, K> List<T> of(List<T> items, Function<T, K> teamOf, int turn) {
        if (items.isEmpty()) {
            return items;
        }
        Map<K, List<T>> byTeam = new LinkedHashMap<>();
        items.forEach(item -> byTeam.computeIfAbsent(teamOf.apply(item), k -> new ArrayList<>()).add(item));
        List<List<T>> teams = new ArrayList<>(byTeam.values());
        Collections.rotate(teams, Math.floorMod(turn, teams.size()));
        teams.forEach(list -> Collections.rotate(list, Math.floorMod(turn, list.size())));
        List<T> order = new ArrayList<>(items.size());
        for (int depth = 0; order.size() < items.size(); depth++) {
            for (List<T> list : teams) {
                if (depth < list.size()) {
                    order.add(list.get(depth));
                }
            }
        }
        return order;
    }
}
