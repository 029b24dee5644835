package dev.pushdeck.shared.web;

import dev.pushdeck.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque list cursors: the sort key of the last row seen, as URL-safe base64 of its parts.
 * Clients pass them back unchanged as {@code after=}; the encoding may change between
 * versions, so nobody should build one by hand. A cursor that does not decode answers 422
 * on {@code after}.
 */
public final class Cursor {

    private static final char SEPARATOR = '\n';

    private Cursor() {
    }

    public static String encode(Object... parts) {
        String joined = String.join(String.valueOf(SEPARATOR), Arrays.stream(parts).map(String::valueOf).toList());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of a cursor, or null when none was given.
     *
     * @throws ValidationException on {@code after} when the text is not a cursor of {@code count} parts
     */
    public static List<String> decode(String cursor, int count) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            List<String> parts = List.of(joined.split(String.valueOf(SEPARATOR), -1));
            if (parts.size() == count) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw invalid();
    }

    /** The refusal of a cursor whose parts decoded but do not make sense for the list. */
    public static ValidationException invalid() {
        return new ValidationException("after", "error.cursor.invalid");
    }
}
