package dev.pushdeck.campaign;

import java.time.LocalDateTime;
import org.jspecify.annotations.NullUnmarked;

/**
 * When to launch: a local date-time in an IANA zone, or in each device's own zone
 * ({@code deviceLocalTime}; devices without a zone use {@code zone}).
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 */
@NullUnmarked
public record Schedule(LocalDateTime at, String zone, boolean deviceLocalTime) {
}
