/**
 * History: what became of every send, for people. Campaign reports with live progress and
 * charts, the delivery log, one device's history across campaigns, CSV exports (each one
 * audited, {@link dev.pushdeck.history.DeliveryExports}) and the REST endpoints over them. It reads through the dispatcher's public query API and owns
 * no tables; see docs/decisions/008-history-reads-dispatch.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "History")
package dev.pushdeck.history;
