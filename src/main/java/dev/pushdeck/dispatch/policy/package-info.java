/**
 * The dispatcher's decisions as pure functions and small state machines, with no database,
 * no threads and no Pushy client: what an APNs reply means for the delivery, its device, its
 * run, the app's credential and the client ({@link dev.pushdeck.dispatch.policy.OutcomePolicy}),
 * when a run is misconfigured rather than sent to bad tokens
 * ({@link dev.pushdeck.dispatch.policy.RunGuard}), when a client is in an outage
 * ({@link dev.pushdeck.dispatch.policy.ClientBreaker}) and in which order runs are served
 * ({@link dev.pushdeck.dispatch.policy.FairOrder}). Everything here is tested by tables
 * without a database. See docs/decisions/021-delivery-fault-policy.md.
 */
@org.jspecify.annotations.NullMarked
package dev.pushdeck.dispatch.policy;
