package dev.pushdeck.shared.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A page of a REST list: {@code {"items": [...], "page": 0, "size": 50, "total": N, "next": "…"}}.
 * {@code total} is null where counting would be expensive. {@code next}, on lists that
 * can be large, is the cursor to pass as {@code after=} for the following page; it is
 * present whenever the page is full, so the walk ends at the first page without it
 * (possibly an empty one). {@link PageLinks} repeats it as a {@code Link: rel="next"}
 * header. See docs/decisions/034-cursor-paging.md.
 */
public record Page<T>(List<T> items, int page, int size,
                      @Schema(description = "null where counting would be expensive") @Nullable Long total,
                      @JsonInclude(JsonInclude.Include.NON_NULL)
                      @Schema(description = "cursor for the following page: pass it as after=; absent on the last page")
                      @Nullable String next) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** A page of a list without cursor paging. */
    public Page(List<T> items, int page, int size, @Nullable Long total) {
        this(items, page, size, total, null);
    }

    /** A page whose {@code next} cursor is the last item's position when the page is full. */
    public static <T> Page<T> withCursor(List<T> items, int page, int size, @Nullable Long total, Function<T, String> cursorOf) {
        String next = items.size() < size || items.isEmpty() ? null : cursorOf.apply(items.get(items.size() - 1));
        return new Page<>(items, page, size, total, next);
    }

    /** The size asked for, within 1..500 (50 when absent). */
    public static int size(@Nullable Integer requested) {
        return requested == null ? DEFAULT_SIZE : Math.max(1, Math.min(MAX_SIZE, requested));
    }

    public static int page(@Nullable Integer requested) {
        return requested == null ? 0 : Math.max(0, requested);
    }

    /** Rows to skip for a numbered page (counted from the cursor when there is one). */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
