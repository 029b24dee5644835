package dev.pushdeck.dispatch;

/**
 * What became of a batch of events.
 *
 * @param recorded   events stored now
 * @param duplicates events for a delivery and kind already stored (or given twice in the batch)
 * @param unknown    events naming no delivery of the key's app: a wrong id, another app's or team's
 *                   delivery, or a campaign or apns-id that does not match it (told apart from nothing)
 */
public record EventsRecorded(int recorded, int duplicates, int unknown) {
}
