package dev.pushdeck.dispatch;

/**
 * Narrows a run's delivery list; null fields do not filter.
 *
 * @param tokenPrefix lower-case hex prefix of the token
 */
public record DeliveryFilter(DeliveryStatus status, String reason, String tokenPrefix) {

    public static DeliveryFilter none() {
        return new DeliveryFilter(null, null, null);
    }
}
