package dev.pushdeck.history.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.dispatch.reports.RunReports;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.memberships.MembershipDirectory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one clock behind every live campaign report (see docs/decisions/010-live-reports.md).
 * Once a second, for each run that at least one open report watches, it reads the run's
 * progress once and pushes that same value to every watching UI through {@link UI#access}.
 * So a thousand open reports of one run cost one read per second, and a run nobody watches
 * costs nothing. After a run's final progress has been pushed, its watchers are dropped.
 *
 * <p>Who watches is asked again on every round: with the progress read, one query fetches the
 * current roles of all people watching the run, so a watcher who was removed from the team is
 * told {@link Watch#accessLost()} and dropped, and the others get their current role with the
 * progress (a lowered role hides actions at once). This works across nodes, without any request
 * from the watching browser (docs/decisions/028-every-read-rechecks-who-asks.md).
 *
 * <p>Thread-safe: views watch and unwatch from their UI threads; the single ticker thread
 * reads and pushes. The reads take the tenant the view was opened for and need no signed-in
 * person, because the dispatcher's queries do no role checks; the membership query is the check.
 */
@Component
class ProgressTicker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProgressTicker.class);
    private static final long PERIOD_MS = 1000;

    private record Run(UUID tenantId, UUID runId) {
    }

    /** What a watching view is told, inside {@code ui.access}. */
    interface Watch {

        /** The run's progress and the watcher's current role in its team. */
        void progress(RunProgress progress, Role role);

        /** The watcher is no longer a member of the run's team; nothing more follows. */
        void accessLost();
    }

    private record Watcher(UI ui, UUID userId, Watch listener) {
    }

    private final RunReports runs;
    private final MembershipDirectory memberships;
    private final Map<Run, List<Watcher>> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "report-ticker");
        thread.setDaemon(true);
        return thread;
    });

    ProgressTicker(RunReports runs, MembershipDirectory memberships) {
        this.runs = runs;
        this.memberships = memberships;
        clock.scheduleWithFixedDelay(this::tickSafely, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Pushes the run's progress to {@code listener} (inside {@code ui.access}) about once a
     * second until the run is final, the person {@code userId} leaves the team, or the
     * registration is removed (do it on detach).
     */
    Registration watch(UI ui, UUID tenantId, UUID runId, UUID userId, Watch listener) {
        Run run = new Run(tenantId, runId);
        Watcher watcher = new Watcher(ui, userId, listener);
        watched.compute(run, (key, list) -> {
            List<Watcher> watchers = list == null ? new CopyOnWriteArrayList<>() : list;
            watchers.add(watcher);
            return watchers;
        });
        return () -> watched.computeIfPresent(run, (key, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
    }

    /** How many runs are watched now. */
    int watchedRuns() {
        return watched.size();
    }

    /** One round: one progress read and one membership read per watched run, pushed to all its watchers. */
    void tick() {
        watched.forEach((run, watchers) -> {
            RunProgress progress;
            Map<UUID, Role> roles;
            try {
                progress = runs.progress(run.tenantId(), run.runId());
                roles = memberships.rolesIn(run.tenantId(), watchers.stream().map(Watcher::userId).distinct().toList());
            } catch (RuntimeException gone) {
                // Deleted with its team, or the database is away: stop rather than retry forever.
                log.warn("Live report of run {} stopped: {}", run.runId(), gone.toString());
                watched.remove(run);
                return;
            }
            if (progress.status().isFinal()) {
                watched.remove(run);
            }
            watchers.forEach(watcher -> {
                Role role = roles.get(watcher.userId());
                if (role == null) {
                    watchers.remove(watcher);
                    push(watcher, watch -> watch.accessLost());
                } else {
                    push(watcher, watch -> watch.progress(progress, role));
                }
            });
            watched.computeIfPresent(run, (key, list) -> list.isEmpty() ? null : list);
        });
    }

    private static void push(Watcher watcher, Consumer<Watch> message) {
        try {
            watcher.ui().access(() -> message.accept(watcher.listener()));
        } catch (com.vaadin.flow.component.UIDetachedException closed) {
            // The tab closed between two ticks; its detach listener unwatches.
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException unexpected) {
            log.error("Live report tick failed", unexpected);
        }
    }

    @Override
    public void destroy() {
        clock.shutdownNow();
    }
}
