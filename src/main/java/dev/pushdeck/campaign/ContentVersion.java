package dev.pushdeck.campaign;

import java.util.List;
import org.jspecify.annotations.NullUnmarked;

/**
 * One more version of a campaign's alert text in an {@link AbTest}: its default wording and its
 * wording for each of the campaign's languages (docs/decisions/058-ab-tests.md). Everything else
 * (sound, badge, data, delivery options, audience) stays the campaign's, so the versions differ
 * only in what a person reads. Blank strings mean "not set", as in {@link Notification}.
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 *
 * @param variants the wording per locale; the same locales as the campaign's own variants
 */
@NullUnmarked
public record ContentVersion(String title, String subtitle, String body, List<ContentVariant> variants) {

    public ContentVersion {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** The campaign's notification worded as this version's default. */
    public Notification applyTo(Notification content) {
        return new ContentVariant("", title, subtitle, body).applyTo(content);
    }
}
