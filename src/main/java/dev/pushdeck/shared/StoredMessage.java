package dev.pushdeck.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A message stored for people to read later (why a run stopped, why sending is paused),
 * kept as a message key with its arguments so each viewer reads it in their own language:
 * {@code key|arg|arg}. Text stored by earlier versions (plain English) is shown as it is.
 * Arguments are facts such as Apple's reason names and counts, never secrets. Thread-safe.
 */
public final class StoredMessage {

    private static final String SEPARATOR = "|";
    private static final Pattern KEY = Pattern.compile("[a-z]+(\\.[a-z0-9-]+)+");

    private StoredMessage() {
    }

    /** {@code key} and {@code args} as one stored string; a separator inside an argument becomes a slash. */
    public static String of(String key, Object... args) {
        StringBuilder stored = new StringBuilder(key);
        for (Object arg : args) {
            stored.append(SEPARATOR).append(String.valueOf(arg).replace(SEPARATOR, "/"));
        }
        return stored.toString();
    }

    /** The key of a stored message, or null when {@code stored} is plain text. */
    public static String key(String stored) {
        if (stored == null) {
            return null;
        }
        String key = stored.split(Pattern.quote(SEPARATOR), 2)[0];
        return KEY.matcher(key).matches() ? key : null;
    }

    /** The message in {@code locale}; plain text (and null) come back unchanged. */
    public static String render(Locale locale, String stored) {
        String key = key(stored);
        if (key == null) {
            return stored;
        }
        String[] parts = stored.split(Pattern.quote(SEPARATOR), -1);
        String text = Messages.get(locale, key, (Object[]) Arrays.copyOfRange(parts, 1, parts.length));
        return text.startsWith("!") ? stored : text;
    }
}
