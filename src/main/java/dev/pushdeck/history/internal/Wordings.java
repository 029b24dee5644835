package dev.pushdeck.history.internal;

import dev.pushdeck.dispatch.SplitTestState;
import dev.pushdeck.dispatch.reports.RunReports;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.SentWording;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Names the wording each listed delivery got: its run's variants are looked up once per page (or
 * once per run of an export) by the primary key of {@code run_variants}, and a run with variants
 * reads its A/B test too. The log's and the queue's own queries stay as they are: they only carry
 * the row's {@code variant} (docs/decisions/060-the-delivery-log-names-each-wording.md). Scoped by tenant.
 */
@Repository
class Wordings {

    private final JdbcClient jdbc;
    private final RunReports runs;

    Wordings(JdbcClient jdbc, RunReports runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    /** The page with each delivery's wording, for those of runs with variants (one lookup for the page). */
    List<DeliveryEntry> of(UUID tenantId, List<DeliveryEntry> page) {
        if (page.isEmpty()) {
            return page;
        }
        Map<UUID, RunWording> found = read(tenantId, page.stream().map(DeliveryEntry::runId).distinct().toList());
        if (found.isEmpty()) {
            return page;
        }
        return page.stream().map(d -> worded(d, found.get(d.runId()))).toList();
    }

    /**
     * Words deliveries as an export streams them: each run's variants are looked up when its first
     * delivery comes by and kept for the rest of the export.
     */
    UnaryOperator<DeliveryEntry> streaming(UUID tenantId) {
        Map<UUID, Optional<RunWording>> seen = new HashMap<>();
        return d -> worded(d, seen.computeIfAbsent(d.runId(),
                run -> Optional.ofNullable(read(tenantId, List.of(run)).get(run))).orElse(null));
    }

    private static DeliveryEntry worded(DeliveryEntry delivery, @Nullable RunWording run) {
        return run == null ? delivery : delivery.worded(run.of(delivery.variant()));
    }

    /** The runs' variant labels by number, with their tests; a run without variants is left out. */
    private Map<UUID, RunWording> read(UUID tenantId, Collection<UUID> runIds) {
        Map<UUID, Map<Integer, @Nullable String>> labels = new HashMap<>();
        jdbc.sql("""
                        select v.run_id, v.variant, v.label from run_variants v
                        join dispatch_runs r on r.id = v.run_id and r.tenant_id = :tenant
                        where v.run_id = any(cast(:runs as uuid[]))""")
                .param("tenant", tenantId).param("runs", runIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    labels.computeIfAbsent(rs.getObject("run_id", UUID.class), run -> new HashMap<>())
                            .put(rs.getInt("variant"), rs.getString("label"));
                });
        Map<UUID, RunWording> found = new HashMap<>();
        labels.forEach((run, byVariant) ->
                found.put(run, new RunWording(byVariant, runs.splitTest(tenantId, run).orElse(null))));
        return found;
    }

    /**
     * A run's variants: variant 0 is the default wording (of version A); with a test, a variant
     * below the rest's first number is a tested version's, and one from it on is the rest's, which
     * gets the winner (docs/decisions/058-ab-tests.md).
     */
    private record RunWording(Map<Integer, @Nullable String> labels, @Nullable SplitTestState test) {

        SentWording of(int variant) {
            String language = labels.get(variant);
            if (test == null) {
                return new SentWording(null, language, false);
            }
            return test.tested(variant) ? new SentWording(test.versionOf(variant), language, false)
                    : new SentWording(test.winner(), language, true);
        }
    }
}
