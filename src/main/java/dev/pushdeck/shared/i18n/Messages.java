package dev.pushdeck.shared.i18n;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The product's words, in English and Simplified Chinese. The foundation's words live in
 * {@code vaadin-i18n/translations*.properties}; each feature module keeps its own in
 * {@code i18n/MODULE*.properties}, found by that pattern, so modules never edit one shared file and
 * this module names none of them. The UI reads them through Vaadin's
 * I18NProvider; services and the REST API use them for error texts, so a message
 * reads the same wherever it is shown.
 *
 * <p>Thread-safe; bundles are cached by the JDK.
 */
public final class Messages {

    /** A language variant ({@code campaign_zh_CN}), not a bundle of its own. */
    private static final Pattern VARIANT = Pattern.compile(".+_[a-z]{2,3}(_\\w+)*");
    /** The foundation's words, searched first. */
    static final String FOUNDATION = "vaadin-i18n/translations";
    /**
     * Every bundle, searched in order: the foundation's, then each module's {@code i18n/NAME.properties}
     * found on the class path, by name. A key should live in exactly one of them.
     */
    public static final List<String> BUNDLES = bundles();
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

    /**
     * The foundation's bundle and the base names of {@code i18n/*.properties} in every class path
     * root, so modules add words by adding files and this module names none of them.
     */
    private static List<String> bundles() {
        Set<String> modules = new TreeSet<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver(Messages.class.getClassLoader())
                    .getResources("classpath*:i18n/*.properties")) {
                String name = Objects.requireNonNull(file.getFilename(), "a file found by name has one");
                String base = name.substring(0, name.length() - ".properties".length());
                if (!VARIANT.matcher(base).matches()) {
                    modules.add("i18n/" + base);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the i18n bundles on the class path", e);
        }
        List<String> bundles = new ArrayList<>(List.of(FOUNDATION));
        bundles.addAll(modules);
        return List.copyOf(bundles);
    }

    /** The closest supported locale: Chinese for any zh locale, otherwise English. */
    public static Locale supported(Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    // The base bundle is English; never fall back to the JVM's default locale.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
}
