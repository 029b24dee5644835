package dev.pushdeck.campaign;

import org.jspecify.annotations.NullUnmarked;

/**
 * The alert text a campaign sends to the devices of one locale instead of its default content
 * (docs/decisions/055-content-per-language.md). Everything but the alert's text (sound, badge,
 * custom data, ...) is the campaign's, so a variant only words the same notification
 * differently. Blank strings mean "not set", as in {@link Notification}.
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 *
 * @param locale a BCP 47 language tag ({@code zh-CN}, {@code zh}, {@code en}); {@code _} is read as {@code -}
 */
@NullUnmarked
public record ContentVariant(String locale, String title, String subtitle, String body) {

    /** The campaign's notification worded as this variant. */
    public Notification applyTo(Notification content) {
        return new Notification(title, subtitle, body, content.sound(), content.badge(), content.category(),
                content.threadId(), content.mutableContent(), content.contentAvailable(),
                content.interruptionLevel(), content.relevanceScore(), content.data());
    }
}
