package dev.pushdeck.history.api;

import dev.pushdeck.history.DeliveryFilter;
import org.jspecify.annotations.Nullable;

/**
 * The delivery list and export filters as query parameters: {@code status}, {@code reason},
 * {@code token} (prefix), {@code alias} (exact), {@code from}/{@code to} (ISO instants on the
 * last attempt, {@code to} exclusive). All optional.
 */
record DeliveryQuery(@Nullable String status, @Nullable String reason, @Nullable String token,
                     @Nullable String alias, @Nullable String from, @Nullable String to) {

    /** @throws dev.pushdeck.shared.error.ValidationException naming each parameter that cannot be read (422) */
    DeliveryFilter filter() {
        return DeliveryFilter.parse(status, reason, token, alias, from, to);
    }
}
