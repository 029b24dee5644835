package dev.pushdeck.history.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Serves a Vaadin lazy grid's offset/limit requests from a keyset-paged source ("rows after
 * this id"). It remembers the cursor at every page boundary it has seen, so scrolling on
 * costs one index range scan per page however deep the list is; only a jump past the last
 * known boundary walks forward from it (in pages, remembering boundaries as it goes). Never
 * counts rows. One pager per grid and filter; not thread-safe (a UI is used by one thread
 * at a time).
 */
final class KeysetPager<T> {

    /** A source page: up to {@code limit} rows following {@code cursor} in the list's order. */
    interface Source<T> {
        List<T> page(long cursor, int limit);
    }

    private final Source<T> source;
    private final ToLongFunction<T> id;
    private final int maxPage;
    private final NavigableMap<Integer, Long> cursors = new TreeMap<>();

    /**
     * @param start   the cursor before the first row (0 ascending, Long.MAX_VALUE newest first)
     * @param maxPage the most rows the source answers at once
     */
    KeysetPager(long start, Source<T> source, ToLongFunction<T> id, int maxPage) {
        this.source = source;
        this.id = id;
        this.maxPage = maxPage;
        cursors.put(0, start);
    }

    Stream<T> fetch(int offset, int limit) {
        Map.Entry<Integer, Long> known = cursors.floorEntry(offset);
        int gap = offset - known.getKey();
        List<T> skipped = read(known.getKey(), known.getValue(), gap);
        if (skipped.size() < gap) {
            return Stream.empty();
        }
        long cursor = skipped.isEmpty() ? known.getValue() : id.applyAsLong(skipped.get(skipped.size() - 1));
        return read(offset, cursor, limit).stream();
    }

    private List<T> read(int position, long cursor, int count) {
        List<T> rows = new ArrayList<>();
        long next = cursor;
        while (rows.size() < count) {
            int wanted = Math.min(maxPage, count - rows.size());
            List<T> page = source.page(next, wanted);
            rows.addAll(page);
            if (page.isEmpty()) {
                break;
            }
            next = id.applyAsLong(page.get(page.size() - 1));
            cursors.put(position + rows.size(), next);
            if (page.size() < wanted) {
                break;
            }
        }
        return rows;
    }
}
