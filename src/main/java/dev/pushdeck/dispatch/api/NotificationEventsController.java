package dev.pushdeck.dispatch.api;

import dev.pushdeck.dispatch.EventsRecorded;
import dev.pushdeck.dispatch.NotificationEvent;
import dev.pushdeck.dispatch.NotificationEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Apps report opens and receipts here with their app key: {@code /api/v1/notification-events}.
 * Not {@code @Idempotent}: the events themselves are (a delivery and kind is kept once), so a
 * retried batch changes nothing.
 */
@RestController
@RequestMapping("/api/v1/notification-events")
@Tag(name = "Opens and receipts")
class NotificationEventsController {

    private final NotificationEvents events;

    NotificationEventsController(NotificationEvents events) {
        this.events = events;
    }

    @Schema(name = "NotificationEventsRequest", description = "1 to 500 events")
    record EventsBody(@Nullable List<EventBody> events) {
    }

    @Schema(name = "NotificationEvent")
    record EventBody(@Schema(allowableValues = {"received", "opened"}) @Nullable String kind,
                     @Schema(description = "pd.d of the payload: the delivery id; or give apnsId")
                     @Nullable String delivery,
                     @Schema(description = "pd.c of the payload: the campaign id; optional") @Nullable String campaign,
                     @Schema(description = "the notification's apns-id, instead of or beside delivery")
                     @Nullable String apnsId,
                     @Schema(description = "when it happened on the phone (ISO-8601 instant); now when absent")
                     @Nullable String at) {
    }

    @Schema(name = "NotificationEventsResult")
    record ResultJson(@Schema(description = "events stored now") int recorded,
                      @Schema(description = "events already stored for that delivery and kind") int duplicates,
                      @Schema(description = "events naming no delivery of this app") int unknown) {

        static ResultJson of(EventsRecorded r) {
            return new ResultJson(r.recorded(), r.duplicates(), r.unknown());
        }
    }

    @PostMapping
    @Operation(summary = "Report that notifications were received or opened (app key); each delivery and kind "
            + "counts once; rate-limited like device registration")
    ResultJson report(@RequestBody(required = false) EventsBody body) {
        List<NotificationEvent> batch = body == null || body.events() == null ? null : body.events().stream()
                .map(e -> e == null ? null
                        : new NotificationEvent(e.kind(), e.delivery(), e.campaign(), e.apnsId(), e.at()))
                .toList();
        return ResultJson.of(events.record(batch));
    }
}
