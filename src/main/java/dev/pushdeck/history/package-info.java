/**
 * History: what became of every send, for people. It owns the reading side of the delivery log
 * the dispatcher writes: the queries over the log, its counters and the apps' reports (keyset
 * pages, charts, team statistics), CSV exports (each one audited,
 * {@link dev.pushdeck.history.DeliveryExports}), retention and the log's week partitions; and on
 * top of them the campaign reports with live progress, the delivery log, one device's history
 * and the REST endpoints. Views and controllers go through the role-checked
 * {@link dev.pushdeck.history.DeliveryHistory} and {@link dev.pushdeck.history.DeliveryExports};
 * the tenant-taking reader {@code internal.DeliveryLog} is theirs only. From the dispatcher it
 * uses the named interface {@link dev.pushdeck.dispatch.reports} (a run's existence, progress,
 * snapshot and A/B test; for trusted callers), the delivery statuses of its API and the tables it
 * writes, never its internals: docs/decisions/052-the-delivery-log-read-by-history.md and
 * 059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "History")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.history;
