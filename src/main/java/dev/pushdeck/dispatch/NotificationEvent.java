package dev.pushdeck.dispatch;

import org.jspecify.annotations.Nullable;

/**
 * One event as an app reports it, unchecked: every field is text as it came, so each problem
 * can be named by its place in the batch.
 *
 * @param kind     {@code received} or {@code opened}
 * @param delivery the delivery id from the payload's {@code pd.d}; or null with {@code apnsId}
 * @param campaign the campaign id from {@code pd.c}, optional; when given it must be the delivery's
 * @param apnsId   the notification's apns-id, instead of or beside {@code delivery}
 * @param at       when it happened on the phone (ISO-8601 instant); null for now
 */
public record NotificationEvent(@Nullable String kind, @Nullable String delivery, @Nullable String campaign,
                                @Nullable String apnsId, @Nullable String at) {
}
