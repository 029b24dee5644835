package dev.pushdeck.dispatch.reports;

import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.dispatch.RunSnapshot;
import dev.pushdeck.dispatch.SplitTestState;
import dev.pushdeck.shared.error.NotFoundException;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dispatcher tells about a run it controls, for the history module's reports: whether it
 * was launched, its progress (which depends on the dispatcher's leases), exactly what it sent, and
 * its A/B test. The delivery log itself is read from the tables the dispatcher writes
 * (docs/decisions/052-the-delivery-log-read-by-history.md).
 *
 * <p>For trusted callers only: the tenant is explicit and no role is checked, so pass only the
 * signed-in team's id (or check each reader's membership, as the live report's ticker does).
 * Thread-safe; each method reads in a transaction of its own, or joins the caller's.
 */
public interface RunReports {

    /** Whether a run with this id was launched for the team. */
    boolean exists(UUID tenantId, UUID runId);

    /**
     * The run's status and its deliveries counted by status, and rejections and failures by reason,
     * from the stored counters, all of one moment.
     *
     * @throws NotFoundException for another team's run or none
     */
    RunProgress progress(UUID tenantId, UUID runId);

    /**
     * Exactly what the run sent: payload and headers as fixed at launch.
     *
     * @throws NotFoundException for another team's run or none
     */
    RunSnapshot snapshot(UUID tenantId, UUID runId);

    /** The run's A/B test, or empty when it has none (or is another team's). */
    Optional<SplitTestState> splitTest(UUID tenantId, UUID runId);
}
