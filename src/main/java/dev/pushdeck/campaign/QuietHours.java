package dev.pushdeck.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;

/**
 * A campaign's quiet hours: every day from {@code from} (inclusive) to {@code to} (exclusive) on
 * the wall clock of each device's own zone, nothing of the campaign is sent to that device. A
 * window whose end is earlier than its start crosses midnight (22:00–08:00). What becomes of a
 * delivery due inside it is the {@link Action}. The campaign rules check the times (both given,
 * whole minutes, not equal); this type only computes, as a pure function, so it is table-tested
 * without a database. Thread-safe. See docs/decisions/049-quiet-hours.md.
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 *
 * @param from   the first quiet minute, local time
 * @param to     the first minute that is not quiet any more, local time
 * @param action what happens to a delivery due inside the window
 */
@NullUnmarked
public record QuietHours(LocalTime from, LocalTime to, Action action) {

    /** What becomes of a delivery that falls inside the window. */
    public enum Action {
        /** Held until the window ends on the device's clock, then sent. */
        HOLD,
        /** Not sent: a final log row SKIPPED with the reason {@value QuietHours#SKIP_REASON}. */
        SKIP;

        /** The word the API and the message keys use ({@code hold}, {@code skip}). */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The reason a delivery skipped for quiet hours carries in the delivery log. */
    public static final String SKIP_REASON = "QuietHours";

    public QuietHours {
        action = action == null ? Action.HOLD : action;
    }

    /** Where one delivery goes: released at {@code at}, or skipped (then {@code at} is when it was due). */
    public record Placement(Instant at, boolean skipped) {
    }

    /** Whether the wall-clock time {@code local} lies inside the window. */
    public boolean covers(LocalTime local) {
        return from.isBefore(to) ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }

    /**
     * Where a delivery due at {@code due} goes for a device whose clock shows {@code zone}'s time:
     * unchanged outside the window; inside it, held to the window's end or skipped.
     */
    public Placement place(Instant due, ZoneId zone) {
        ZonedDateTime clock = due.atZone(zone);
        if (!covers(clock.toLocalTime())) {
            return new Placement(due, false);
        }
        return action == Action.SKIP ? new Placement(due, true) : new Placement(end(clock), false);
    }

    /**
     * The first instant after {@code clock} (inside the window) whose wall-clock time is {@code to}:
     * the same day when {@code to} is still ahead, else the next. When that local time does not
     * exist (the clock springs past it), the window ends as the clock jumps; when it occurs twice
     * (the clock falls back), at its first occurrence after {@code clock}.
     */
    private Instant end(ZonedDateTime clock) {
        LocalDate day = clock.toLocalTime().isBefore(to) ? clock.toLocalDate() : clock.toLocalDate().plusDays(1);
        LocalDateTime local = day.atTime(to);
        ZoneOffsetTransition transition = clock.getZone().getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // In an overlap, the offset the device's clock shows now comes first when it is one of the two.
        Instant end = ZonedDateTime.ofLocal(local, clock.getZone(), clock.getOffset()).toInstant();
        if (!end.isAfter(clock.toInstant()) && transition != null) {
            end = local.atOffset(transition.getOffsetAfter()).toInstant();
        }
        return end;
    }
}
