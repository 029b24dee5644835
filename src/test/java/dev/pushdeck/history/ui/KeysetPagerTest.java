package dev.pushdeck.history.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeysetPagerTest {

    /** Ids 1..size, newest first, answering "ids below the cursor" and logging each call. */
    private static final class Source implements KeysetPager.Source<Long> {
        final long size;
        final List<long[]> calls = new ArrayList<>();

        Source(long size) {
            this.size = size;
        }

        @Override
        public List<Long> page(long cursor, int limit) {
            calls.add(new long[] {cursor, limit});
            return LongStream.iterate(Math.min(cursor - 1, size), id -> id >= 1, id -> id - 1).limit(limit).boxed()
                    .toList();
        }
    }

    @Test
    void sequentialPagesContinueFromTheLastIdOfThePreviousPage() {
        Source source = new Source(1000);
        KeysetPager<Long> pager = new KeysetPager<>(Long.MAX_VALUE, source, Long::longValue, 500);

        assertThat(pager.fetch(0, 50).toList()).startsWith(1000L).endsWith(951L).hasSize(50);
        assertThat(pager.fetch(50, 50).toList()).startsWith(950L).endsWith(901L);

        assertThat(source.calls).hasSize(2);
        assertThat(source.calls.get(1)).containsExactly(951, 50);
    }

    @Test
    void goingBackToAKnownPageStartsFromItsRememberedCursor() {
        Source source = new Source(1000);
        KeysetPager<Long> pager = new KeysetPager<>(Long.MAX_VALUE, source, Long::longValue, 500);
        pager.fetch(0, 50).toList();
        pager.fetch(50, 50).toList();
        source.calls.clear();

        assertThat(pager.fetch(50, 50).toList()).startsWith(950L);

        assertThat(source.calls).hasSize(1);
        assertThat(source.calls.get(0)).containsExactly(951, 50);
    }

    @Test
    void aJumpWalksForwardInPagesFromTheNearestKnownBoundary() {
        Source source = new Source(10_000);
        KeysetPager<Long> pager = new KeysetPager<>(Long.MAX_VALUE, source, Long::longValue, 500);

        assertThat(pager.fetch(1200, 50).toList()).startsWith(8800L).hasSize(50);

        assertThat(source.calls).extracting(call -> call[1]).containsExactly(500L, 500L, 200L, 50L);
        source.calls.clear();
        assertThat(pager.fetch(1000, 50).toList()).startsWith(9000L);
        assertThat(source.calls).hasSize(1);
    }

    @Test
    void theEndOfTheListAnswersFewerRowsAndNothingBeyond() {
        KeysetPager<Long> pager = new KeysetPager<>(Long.MAX_VALUE, new Source(70), Long::longValue, 500);

        assertThat(pager.fetch(50, 50).toList()).hasSize(20).endsWith(1L);
        assertThat(pager.fetch(100, 50).toList()).isEmpty();
    }

    @Test
    void aLimitAboveTheSourcesMaximumIsReadInSeveralPages() {
        Source source = new Source(2000);
        KeysetPager<Long> pager = new KeysetPager<>(Long.MAX_VALUE, source, Long::longValue, 500);

        assertThat(pager.fetch(0, 1200).toList()).hasSize(1200).endsWith(801L);
        assertThat(source.calls).hasSize(3);
    }
}
