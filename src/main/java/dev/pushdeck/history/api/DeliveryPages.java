package dev.pushdeck.history.api;

import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.shared.error.ValidationException;
import java.util.List;

/**
 * Numbered pages over keyset queries. Page {@code n} is reached by walking the keyset from
 * the cursor, so it costs {@code n * size} index rows; numbered pages therefore stop at
 * {@value #MAX_ROWS} rows and deeper reading continues with a cursor ({@code after} or
 * {@code before} = the last id seen), which is cheap at any depth.
 */
final class DeliveryPages {

    static final int MAX_ROWS = 10_000;

    /** One keyset step: up to {@code limit} rows past {@code cursor}, in the list's order. */
    interface Keyset {
        List<DeliveryEntry> next(long cursor, int limit);
    }

    private DeliveryPages() {
    }

    static List<DeliveryEntry> page(Keyset keyset, long cursor, int page, int size) {
        if ((long) page * size + size > MAX_ROWS) {
            throw new ValidationException("page", "history.page.too-deep", MAX_ROWS);
        }
        long at = cursor;
        int skip = page * size;
        while (skip > 0) {
            List<DeliveryEntry> skipped = keyset.next(at, Math.min(skip, 500));
            if (skipped.isEmpty()) {
                return List.of();
            }
            at = skipped.get(skipped.size() - 1).id();
            skip -= skipped.size();
        }
        return keyset.next(at, size);
    }
}
