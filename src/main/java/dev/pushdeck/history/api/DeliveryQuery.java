package dev.pushdeck.history.api;

import dev.pushdeck.history.DeliveryFilter;

/**
 * The delivery list and export filters as query parameters: {@code status}, {@code reason},
 * {@code token} (prefix), {@code alias} (exact), {@code from}/{@code to} (ISO instants on the
 * last attempt, {@code to} exclusive). All optional.
 */
record DeliveryQuery(String status, String reason, String token, String alias, String from, String to) {

    /** @throws dev.pushdeck.shared.ValidationException naming each parameter that cannot be read (422) */
    DeliveryFilter filter() {
        return DeliveryFilter.parse(status, reason, token, alias, from, to);
    }
}
