package dev.pushdeck.shared.web;

import java.util.List;

/**
 * A page of a REST list: {@code {"items": [...], "page": 0, "size": 50, "total": N}}.
 * {@code total} is null where counting would be expensive.
 */
public record Page<T>(List<T> items, int page, int size, Long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The size asked for, within 1..500 (50 when absent). */
    public static int size(Integer requested) {
        return requested == null ? DEFAULT_SIZE : Math.max(1, Math.min(MAX_SIZE, requested));
    }

    public static int page(Integer requested) {
        return requested == null ? 0 : Math.max(0, requested);
    }
}
