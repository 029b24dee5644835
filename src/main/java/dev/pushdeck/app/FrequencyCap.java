package dev.pushdeck.app;

import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An app's frequency cap: at most {@code perDay} notifications per device in the last 24 hours
 * and at most {@code perWeek} in the last 7 days, across the app's campaigns; either may be
 * absent. A campaign's delivery to a device already at its cap is not sent: the fan-out writes
 * it to the log as SKIPPED with the reason {@value #SKIP_REASON}. Transactional (API) sends,
 * test sends, Live Activity updates and broadcasts are not capped
 * (docs/decisions/054-frequency-caps.md). Immutable.
 *
 * @param perDay  the most notifications a device gets from the app in any 24 hours, or null for no daily cap
 * @param perWeek the most in any 7 days, or null for no weekly cap
 */
public record FrequencyCap(@Nullable Integer perDay, @Nullable Integer perWeek) {

    /** The reason a delivery skipped for the cap carries in the delivery log. */
    public static final String SKIP_REASON = "FrequencyCap";
    /** More a day would be no cap a person notices; beyond it a typo rather than a plan. */
    public static final int MAX_PER_DAY = 100;
    /** Seven days of the daily maximum. */
    public static final int MAX_PER_WEEK = 7 * MAX_PER_DAY;

    /** The cap of these settings, or null when neither is set (the app is not capped). */
    public static @Nullable FrequencyCap of(@Nullable Integer perDay, @Nullable Integer perWeek) {
        return perDay == null && perWeek == null ? null : new FrequencyCap(perDay, perWeek);
    }

    /**
     * What is wrong with these settings, per field ({@code perDay}, {@code perWeek}): each from 1
     * to its maximum, and a weekly cap no lower than the daily one (which would never be reached).
     */
    public static List<FieldError> problems(@Nullable Integer perDay, @Nullable Integer perWeek) {
        List<FieldError> errors = new ArrayList<>();
        if (perDay != null && (perDay < 1 || perDay > MAX_PER_DAY)) {
            errors.add(new FieldError("perDay", "error.app.cap-range", MAX_PER_DAY));
        }
        if (perWeek != null && (perWeek < 1 || perWeek > MAX_PER_WEEK)) {
            errors.add(new FieldError("perWeek", "error.app.cap-range", MAX_PER_WEEK));
        } else if (perWeek != null && perDay != null && errors.isEmpty() && perWeek < perDay) {
            errors.add(new FieldError("perWeek", "error.app.cap-week-below-day", perDay));
        }
        return errors;
    }
}
