package dev.pushdeck.shared;

import dev.pushdeck.shared.error.ValidationException;
import org.jspecify.annotations.Nullable;

/** The rule every named thing (team, token, key, template) follows: 1 to max characters after trimming. */
public final class Names {

    private Names() {
    }

    /**
     * The trimmed name.
     *
     * @throws ValidationException on field {@code name} when it is empty or longer than {@code max}
     */
    public static String require(@Nullable String name, int max) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > max) {
            throw new ValidationException("name", "error.name.length", max);
        }
        return clean;
    }
}
