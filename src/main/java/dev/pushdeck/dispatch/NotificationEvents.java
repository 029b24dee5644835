package dev.pushdeck.dispatch;

import dev.pushdeck.device.AppKeyRequests;
import dev.pushdeck.dispatch.internal.EngagementRepository;
import dev.pushdeck.dispatch.internal.EngagementRepository.Known;
import dev.pushdeck.dispatch.internal.EngagementRepository.Row;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens and receipts reported by apps with their app key ({@code POST /api/v1/notification-events}):
 * each event names a delivery by the id the payload's tracking key carries ({@code pd.d}) or by
 * its apns-id, whose last 12 hex digits are the delivery's id. A key reaches only its own app's
 * deliveries; an event naming anything else counts as unknown, exactly like an id that does not
 * exist, so nothing about other apps or teams can be learned. The first report of a delivery
 * and kind is kept; repeats count as duplicates, so an app may retry a batch freely.
 *
 * <p>Each batch takes one permit from the app's registration rate limits before anything else
 * ({@link dev.pushdeck.device.RateLimitedException}), then is validated whole: any bad event
 * answers {@link ValidationException} naming every problem by its place ({@code events[3].kind})
 * and nothing is stored. Thread-safe; one transaction per batch. Nothing here runs on the send
 * path. See docs/decisions/045-opens-and-receipts.md.
 */
@Service
public class NotificationEvents {

    /** The most events one request may carry. */
    public static final int MAX_BATCH = 500;
    /** How far ahead of this server's clock a phone's clock may be. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The part of an apns-id that is the delivery's id (its last 12 hex digits). */
    private static final long DELIVERY_BITS = 0xFFFF_FFFF_FFFFL;

    private final AppKeyRequests appKeys;
    private final EngagementRepository events;
    private final Clock clock;

    NotificationEvents(AppKeyRequests appKeys, EngagementRepository events, Clock clock) {
        this.appKeys = appKeys;
        this.events = events;
        this.clock = clock;
    }

    /** An event that passed validation. */
    record Checked(EngagementKind kind, long deliveryId, @Nullable UUID campaign, @Nullable UUID apnsId, Instant at) {
    }

    /**
     * Records a batch for the calling app key's app.
     *
     * @throws ValidationException on {@code events} (none, or more than {@value #MAX_BATCH}) or
     *                             {@code events[i].<field>}; nothing stored
     * @throws dev.pushdeck.device.RateLimitedException the key or its address is over the limit
     */
    @PreAuthorize("hasRole('APP_KEY')")
    @Transactional
    public EventsRecorded record(@Nullable List<NotificationEvent> batch) {
        PushdeckPrincipal key = appKeys.admit();
        return store(Objects.requireNonNull(key.teamId(), "an app key belongs to its app's team"),
                Objects.requireNonNull(key.appId(), "an app key is its app's"), check(batch, clock.instant()));
    }

    /**
     * Records checked events for an app on the server's own behalf (the demo's APNs simulator plays
     * the phones); the same rules as {@link #record}, without an app key.
     */
    @Transactional
    EventsRecorded recordForApp(UUID tenantId, UUID appId, List<NotificationEvent> batch) {
        return store(tenantId, appId, check(batch, clock.instant()));
    }

    static List<Checked> check(@Nullable List<NotificationEvent> batch, Instant now) {
        if (batch == null || batch.isEmpty()) {
            throw new ValidationException("events", "engagement.events.required");
        }
        if (batch.size() > MAX_BATCH) {
            throw new ValidationException("events", "engagement.events.too-many", MAX_BATCH);
        }
        List<FieldError> errors = new ArrayList<>();
        List<Checked> checked = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Checked one = check(batch.get(i), "events[" + i + "].", now, errors);
            if (one != null) {
                checked.add(one);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return checked;
    }

    private static @Nullable Checked check(@Nullable NotificationEvent event, String path, Instant now,
                                           List<FieldError> errors) {
        if (event == null) {
            errors.add(new FieldError(path + "kind", "engagement.event.required"));
            return null;
        }
        int before = errors.size();
        EngagementKind kind = EngagementKind.parse(event.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldError(path + "kind", "engagement.kind.invalid"));
        }
        UUID apnsId = uuid(event.apnsId(), path + "apnsId", "engagement.apns-id.invalid", errors);
        UUID campaign = uuid(event.campaign(), path + "campaign", "engagement.campaign.invalid", errors);
        Long delivery = delivery(event.delivery(), path + "delivery", errors);
        if (delivery == null && apnsId == null && blank(event.delivery()) && blank(event.apnsId())) {
            errors.add(new FieldError(path + "delivery", "engagement.delivery.required"));
        }
        Instant at = at(event.at(), path + "at", now, errors);
        if (errors.size() > before) {
            return null;
        }
        // Without an error each field was read: a kind, a time, and a delivery id or an apns-id.
        long id = delivery != null ? delivery
                : Objects.requireNonNull(apnsId, "a delivery or an apns-id was read").getLeastSignificantBits()
                        & DELIVERY_BITS;
        return new Checked(Objects.requireNonNull(kind, "the kind was read"), id, campaign, apnsId,
                Objects.requireNonNull(at, "the time was read"));
    }

    private static @Nullable Long delivery(@Nullable String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        errors.add(new FieldError(field, "engagement.delivery.invalid"));
        return null;
    }

    private static @Nullable UUID uuid(@Nullable String text, String field, String key, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, key));
            return null;
        }
    }

    private static @Nullable Instant at(@Nullable String text, String field, Instant now, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return now;
        }
        try {
            Instant at = Instant.parse(text.strip());
            if (at.isAfter(now.plus(CLOCK_SKEW))) {
                errors.add(new FieldError(field, "engagement.at.future"));
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "engagement.at.invalid"));
            return null;
        }
    }

    private EventsRecorded store(UUID tenantId, UUID appId, List<Checked> checked) {
        Map<Long, Known> known = events.known(tenantId, appId, checked.stream().map(Checked::deliveryId)
                .distinct().toList());
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unknown = 0;
        int repeated = 0;
        for (Checked event : checked) {
            Known delivery = known.get(event.deliveryId());
            if (delivery == null || !matches(event, delivery)) {
                unknown++;
            } else if (!seen.add(event.deliveryId() + "/" + event.kind().code())) {
                repeated++;
            } else {
                rows.add(new Row(event.deliveryId(), event.kind().code(), delivery.runId(), event.at()));
            }
        }
        int recorded = events.insert(tenantId, rows);
        return new EventsRecorded(recorded, repeated + rows.size() - recorded, unknown);
    }

    private static boolean matches(Checked event, Known delivery) {
        return (event.campaign() == null || event.campaign().equals(delivery.runId()))
                && (event.apnsId() == null || event.apnsId().equals(delivery.apnsId()));
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
