package dev.pushdeck.shared.i18n;

import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reasons kept in the database for people to read later, such as why a campaign failed. A
 * reason is stored as a message key with its arguments, so every reader sees it in their own
 * language: the key, then each argument after a {@code |}
 * ({@code campaign.schedule.zone.unknown|Mars/Olympus}). Older versions stored English text, and
 * APNs gives reasons in its own words ({@code BadTopic}); anything that is not a known key
 * reads as it was stored.
 *
 * <p>Thread-safe.
 */
public final class StoredReasons {

    private static final String SEPARATOR = "|";

    private StoredReasons() {
    }

    /** The stored form of a refusal's message (for a {@link ValidationException}, its first problem's). */
    public static String of(PushdeckException refusal) {
        return of(refusal.messageKey(), refusal.messageArgs());
    }

    /** The stored form of {@code key} with {@code args} (written as text). */
    public static String of(String key, @Nullable Object... args) {
        StringBuilder stored = new StringBuilder(key);
        for (Object arg : args) {
            stored.append(SEPARATOR).append(arg);
        }
        return stored.toString();
    }

    /** A stored reason in words for {@code locale}; null stays null. */
    public static String read(Locale locale, String stored) {
        if (stored == null || stored.isBlank()) {
            return stored;
        }
        String[] parts = stored.split(Pattern.quote(SEPARATOR), -1);
        Object[] args = Arrays.stream(parts, 1, parts.length).map(StoredReasons::argument).toArray();
        try {
            String text = Messages.get(locale, parts[0], args);
            return text.equals("!" + parts[0]) ? stored : text;
        } catch (IllegalArgumentException e) {
            // Arguments that no longer fit the key's pattern: the stored form still says what happened.
            return stored;
        }
    }

    /** Whole numbers go back to numbers, so patterns like {@code {0,number,#}} format them. */
    private static Object argument(String text) {
        return text.matches("-?\\d{1,18}") ? (Object) Long.valueOf(text) : text;
    }
}
