package dev.pushdeck.device.api;

import dev.pushdeck.device.ActivityRegistration;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A Live Activity token as the API shows it. */
record ActivityJson(UUID id, UUID deviceId, String token, String environment,
                    @Schema(allowableValues = {"update", "push-to-start"}) String kind, String attributesType,
                    @Nullable String activityId, @Schema(allowableValues = {"ACTIVE", "ENDED"}) String status,
                    @Nullable Instant endedAt,
                    @Schema(description = "EndedByApp, EndedByCampaign, or APNs' reason (Unregistered, ...)")
                    @Nullable String endReason,
                    @Schema(description = "update tokens: when the system ends the activity at the latest")
                    @Nullable Instant expiresAt, Instant registeredAt) {

    static ActivityJson of(ActivityRegistration a) {
        return new ActivityJson(a.id(), a.deviceId(), a.token(), a.environment().wire(), a.kind().wire(),
                a.attributesType(), a.activityId(), a.status().name(), a.endedAt(), a.endReason(), a.expiresAt(),
                a.registeredAt());
    }
}
