/**
 * Dispatch: the delivery engine. A launch snapshots what to send into a run and queues one
 * delivery per targeted device; workers claim, send through Pushy and record Apple's answers,
 * judged by the pure rules of {@link dev.pushdeck.dispatch.policy} (what an answer means, when
 * a run is misconfigured, when APNs is in an outage).
 * Public API: the events {@link dev.pushdeck.dispatch.RunCompleted} and {@link dev.pushdeck.dispatch.RunStopped},
 * {@link dev.pushdeck.dispatch.BroadcastChannelService} (broadcast channels at Apple, through its own HTTP/2
 * client, as Pushy has none), and for the history module's reports, the named interface
 * {@link dev.pushdeck.dispatch.reports} (a run's existence, progress, snapshot and A/B test; for
 * trusted callers, docs/decisions/059-trusted-callers-behind-named-interfaces.md). Launching and
 * controlling runs ({@link dev.pushdeck.dispatch.DispatchService}) follows the campaigns' events.
 * It writes the delivery log and its counters; reading them (lists, charts, statistics, exports),
 * retention and the log's week partitions belong to the history module
 * (docs/decisions/052-the-delivery-log-read-by-history.md).
 * Pushy types never leave this module. See docs/decisions/007-dispatch-runs.md,
 * 008-history-reads-dispatch.md, 009-stored-delivery-counters.md, 017-delivery-queue.md,
 * 021-delivery-fault-policy.md, 035-dispatch-throughput.md and 039-broadcast-push.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.dispatch;
