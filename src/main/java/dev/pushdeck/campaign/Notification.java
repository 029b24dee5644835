package dev.pushdeck.campaign;

import org.jspecify.annotations.NullUnmarked;

/**
 * What the composer writes: the alert, its sound and badge, and custom data. Blank
 * strings mean "not set".
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 *
 * @param sound             {@code "default"}, a custom sound file name, or null/blank/{@code "none"} for silence
 * @param badge             the badge number, or null to leave the badge unchanged
 * @param interruptionLevel passive, active, time-sensitive or critical; null for Apple's default
 * @param relevanceScore    0 to 1, or null
 * @param data              custom keys as JSON object text, sent beside {@code aps}; null or blank for none
 */
@NullUnmarked
public record Notification(String title, String subtitle, String body, String sound, Integer badge, String category,
                           String threadId, boolean mutableContent, boolean contentAvailable,
                           String interruptionLevel, Double relevanceScore, String data) {

    public static final Notification EMPTY = new Notification(null, null, null, null, null, null, null, false, false,
            null, null, null);
}
