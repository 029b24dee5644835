package dev.pushdeck.shared;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The product's words, in English and Simplified Chinese. The foundation's words live in
 * {@code vaadin-i18n/translations*.properties}; each feature module keeps its own in
 * {@code i18n/MODULE*.properties}, so modules never edit one shared file. The UI reads them through Vaadin's
 * I18NProvider; services and the REST API use them for error texts, so a message
 * reads the same wherever it is shown.
 *
 * <p>Thread-safe; bundles are cached by the JDK.
 */
public final class Messages {

    /** Searched in order; a key should live in exactly one of them. */
    public static final List<String> BUNDLES = List.of("vaadin-i18n/translations", "i18n/app", "i18n/device",
            "i18n/campaign", "i18n/dispatch", "i18n/history", "i18n/accounts", "i18n/mail", "i18n/security");
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private Messages() {
    }

    /** The text for {@code key} in {@code locale} (English when missing), formatted with {@code args}. */
    public static String get(Locale locale, String key, Object... args) {
        String pattern = pattern(supported(locale), key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    private static String pattern(Locale locale, String key) {
        for (String bundle : BUNDLES) {
            try {
                ResourceBundle words = ResourceBundle.getBundle(bundle, locale, NO_FALLBACK);
                if (words.containsKey(key)) {
                    return words.getString(key);
                }
            } catch (MissingResourceException e) {
                // This module has no words yet.
            }
        }
        return "!" + key;
    }

    /** The closest supported locale: Chinese for any zh locale, otherwise English. */
    public static Locale supported(Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    // The base bundle is English; never fall back to the JVM's default locale.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
}
