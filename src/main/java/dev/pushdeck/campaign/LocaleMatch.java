package dev.pushdeck.campaign;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which of a campaign's content variants a device gets, by the locale the app reported for it:
 * the variant of exactly its tag, else the variant of its language alone, else the default.
 * Tags compare case-insensitively, with {@code _} read as {@code -} (apps report both
 * {@code zh_CN} and {@code zh-Hant-TW}). Pure and thread-safe; the fan-out applies it once per
 * distinct stored locale (docs/decisions/055-content-per-language.md).
 */
public final class LocaleMatch {

    /** The variant number of the campaign's default content. */
    public static final int DEFAULT = 0;

    private LocaleMatch() {
    }

    /** A tag in the form tags are compared in: lower case, {@code -} between subtags, trimmed. */
    public static String normalize(String tag) {
        return tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /** Whether a variant's tag is a well-formed BCP 47 language tag ({@code _} read as {@code -}). */
    public static boolean wellFormed(String tag) {
        String clean = tag.strip().replace('_', '-');
        if (clean.isEmpty()) {
            return false;
        }
        try {
            new Locale.Builder().setLanguageTag(clean);
            return true;
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    /**
     * The variant a device of {@code deviceLocale} gets.
     *
     * @param variantLocales the variants' tags, in their order, distinct once normalized
     * @return 1 + the index of the matching variant, or {@link #DEFAULT}
     */
    public static int best(@Nullable String deviceLocale, List<String> variantLocales) {
        if (deviceLocale == null || deviceLocale.isBlank()) {
            return DEFAULT;
        }
        String device = normalize(deviceLocale);
        int byLanguage = DEFAULT;
        String language = language(device);
        for (int i = 0; i < variantLocales.size(); i++) {
            String variant = normalize(variantLocales.get(i));
            if (variant.equals(device)) {
                return i + 1;
            }
            if (byLanguage == DEFAULT && variant.equals(language)) {
                byLanguage = i + 1;
            }
        }
        return byLanguage;
    }

    private static String language(String normalized) {
        int dash = normalized.indexOf('-');
        return dash < 0 ? normalized : normalized.substring(0, dash);
    }
}
