package dev.pushdeck.shared;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The product's words, in English and Simplified Chinese, from
 * {@code vaadin-i18n/translations*.properties}. The UI reads them through Vaadin's
 * I18NProvider; services and the REST API use them for error texts, so a message
 * reads the same wherever it is shown.
 *
 * <p>Thread-safe; bundles are cached by the JDK.
 */
public final class Messages {

    public static final String BUNDLE = "vaadin-i18n/translations";
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private Messages() {
    }

    /** The text for {@code key} in {@code locale} (English when missing), formatted with {@code args}. */
    public static String get(Locale locale, String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, supported(locale), NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            pattern = "!" + key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** The closest supported locale: Chinese for any zh locale, otherwise English. */
    public static Locale supported(Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    // The base bundle is English; never fall back to the JVM's default locale.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
}
