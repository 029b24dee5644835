package dev.pushdeck.shared.web;

import dev.pushdeck.shared.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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

    /** The parts of a cursor, or null when none was given; refused unless there are {@code count}. */
    private static @Nullable List<String> decode(@Nullable String cursor, int count) {
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

    /**
     * The position a cursor of {@code count} parts stands for, or null when none was given.
     *
     * @param position reads the parts; any exception it throws means the cursor is not one of this list
     * @throws ValidationException on {@code after} when the text is not such a cursor
     */
    public static <T> @Nullable T read(@Nullable String cursor, int count, Function<List<String>, T> position) {
        List<String> parts = decode(cursor, count);
        if (parts == null) {
            return null;
        }
        try {
            return position.apply(parts);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return new ValidationException("after", "error.cursor.invalid");
    }
}
