package dev.pushdeck.device;

import dev.pushdeck.shared.error.ValidationException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The token rule, as a pure function: remove {@code <}, {@code >} and ASCII white space
 * (space, tab, line feed, carriage return, form feed, vertical tab: the form Xcode logs an
 * NSData token in), then accept only ASCII hex digits, an even number of them, 64 to 200,
 * and answer them in lower case. Anything else is refused with the first problem found;
 * nothing is ever "cleaned" beyond those removals. Non-ASCII digits (Arabic-Indic,
 * fullwidth, ...) are not hex. Thread-safe and side-effect free.
 */
public final class DeviceToken {

    public static final int MIN_LENGTH = 64;
    public static final int MAX_LENGTH = 200;

    private DeviceToken() {
    }

    /** Why a token was refused: a message key of the device bundle and its arguments. */
    public record Problem(String key, Object... args) {
    }

    /**
     * The normalized token.
     *
     * @throws ValidationException on field {@code token} saying exactly what is wrong
     */
    public static String normalize(@Nullable String raw) {
        StringBuilder hex = new StringBuilder(raw == null ? 0 : Math.min(raw.length(), MAX_LENGTH + 1));
        Optional<Problem> problem = scan(raw, hex);
        if (problem.isPresent()) {
            throw new ValidationException("token", problem.get().key(), problem.get().args());
        }
        return hex.toString();
    }

    /** The problem with {@code raw}, or empty when {@link #normalize} accepts it. */
    public static Optional<Problem> check(@Nullable String raw) {
        return scan(raw, new StringBuilder());
    }

    private static Optional<Problem> scan(@Nullable String raw, StringBuilder hex) {
        if (raw == null) {
            return Optional.of(new Problem("device.token.empty"));
        }
        int digits = 0;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (!removable(c)) {
                if (!isAsciiHex(c)) {
                    return Optional.of(new Problem("device.token.non-hex", i + 1, describe(c)));
                }
                digits++;
                if (digits <= MAX_LENGTH) {
                    hex.append((char) Character.toLowerCase(c));
                }
            }
            i += Character.charCount(c);
        }
        if (digits == 0) {
            return Optional.of(new Problem("device.token.empty"));
        }
        if (digits < MIN_LENGTH) {
            return Optional.of(new Problem("device.token.too-short", digits, MIN_LENGTH));
        }
        if (digits > MAX_LENGTH) {
            return Optional.of(new Problem("device.token.too-long", digits, MAX_LENGTH));
        }
        if (digits % 2 != 0) {
            return Optional.of(new Problem("device.token.odd-length", digits));
        }
        return Optional.empty();
    }

    /** A short, log-safe form for lists: the first and last 8 characters. */
    public static String shorten(String token) {
        return token.length() <= 20 ? token : token.substring(0, 8) + "…" + token.substring(token.length() - 8);
    }

    private static boolean removable(int c) {
        return c == '<' || c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isAsciiHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The offending character, printable ones as themselves, others as U+XXXX. */
    private static String describe(int c) {
        boolean printable = c > 0x20 && c < 0x7F;
        return printable ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }
}
