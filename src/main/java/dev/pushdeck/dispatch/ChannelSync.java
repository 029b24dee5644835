package dev.pushdeck.dispatch;

/**
 * What comparing the channels known here with Apple's list changed.
 *
 * @param added   channels Apple has that were made elsewhere, now listed here
 * @param removed channels listed here that Apple no longer has, now gone from the list
 * @param total   how many channels Apple has for the app and environment (of its 10,000)
 */
public record ChannelSync(int added, int removed, int total) {
}
