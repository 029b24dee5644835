package dev.pushdeck.history;

import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Narrows a delivery list or export; null (or blank) fields do not filter.
 *
 * @param status      one delivery status (queued ones, PENDING and IN_FLIGHT, are listed per run only)
 * @param reason      Apple's (or the dispatcher's) reason, exactly, e.g. {@code Unregistered}
 * @param tokenPrefix the start of the device token, hex, compared case-insensitively
 * @param alias       the device's alias in the device list, exactly (same team)
 * @param from        deliveries whose last attempt (or release, when never attempted) is at or after this
 * @param to          ... and before this (exclusive)
 */
public record DeliveryFilter(@Nullable DeliveryStatus status, @Nullable String reason, @Nullable String tokenPrefix,
                             @Nullable String alias, @Nullable Instant from, @Nullable Instant to) {

    public DeliveryFilter(@Nullable DeliveryStatus status, @Nullable String reason, @Nullable String tokenPrefix) {
        this(status, reason, tokenPrefix, null, null, null);
    }

    public static DeliveryFilter none() {
        return new DeliveryFilter(null, null, null, null, null, null);
    }

    /** Whether rows with a final outcome (the delivery log) can match: no status, or a final one. */
    public boolean admitsFinal() {
        return status == null || !status.isOpen();
    }

    /** Whether queued or in-flight deliveries can match: no status, or an open one. */
    public boolean admitsQueued() {
        return status == null || status.isOpen();
    }

    /**
     * Reads a filter as typed in a form or query string: blank means no filter, the status
     * case-insensitively, times as ISO-8601 instants.
     *
     * @throws ValidationException naming each field that cannot be read (status, reason, token, alias, from, to)
     */
    public static DeliveryFilter parse(@Nullable String status, @Nullable String reason, @Nullable String token,
                                       @Nullable String alias, @Nullable String from, @Nullable String to) {
        List<FieldError> errors = new ArrayList<>();
        DeliveryStatus parsedStatus = status(status, errors);
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("to", "history.filter.range.invalid"));
        }
        String cleanReason = text("reason", reason, 64, errors);
        String cleanToken = text("token", token, 200, errors);
        String cleanAlias = text("alias", alias, 200, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new DeliveryFilter(parsedStatus, cleanReason, cleanToken, cleanAlias, start, end);
    }

    private static @Nullable DeliveryStatus status(@Nullable String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("status", "history.filter.status.invalid",
                    Arrays.toString(DeliveryStatus.values())));
            return null;
        }
    }

    private static @Nullable Instant instant(String field, @Nullable String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "history.filter.instant.invalid"));
            return null;
        }
    }

    private static @Nullable String text(String field, @Nullable String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.trim().length() > max) {
            errors.add(new FieldError(field, "history.filter.too-long", max));
            return null;
        }
        return value.trim();
    }

    /** Whether nothing narrows the list (so a run's stored total counts it). */
    public boolean isEmpty() {
        return status == null && blank(reason) && blank(tokenPrefix) && blank(alias) && from == null && to == null;
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
