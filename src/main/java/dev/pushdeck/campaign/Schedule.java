package dev.pushdeck.campaign;

import java.time.LocalDateTime;

/**
 * When to launch: a local date-time in an IANA zone, or in each device's own zone
 * ({@code deviceLocalTime}; devices without a zone use {@code zone}).
 */
public record Schedule(LocalDateTime at, String zone, boolean deviceLocalTime) {
}
