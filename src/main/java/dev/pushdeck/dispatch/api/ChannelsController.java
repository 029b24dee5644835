package dev.pushdeck.dispatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.dispatch.BroadcastChannel;
import dev.pushdeck.dispatch.BroadcastChannelService;
import dev.pushdeck.dispatch.ChannelBroadcast;
import dev.pushdeck.dispatch.ChannelSync;
import dev.pushdeck.dispatch.StoragePolicy;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An app's broadcast channels for team API tokens: {@code /api/v1/apps/{appId}/channels}.
 * and their broadcasts. VIEWERs read; EDITORs create, delete, broadcast and compare with Apple (checked by
 * {@link BroadcastChannelService}). Apple's refusals answer 409 with its reason; no answer from
 * Apple 503.
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}/channels")
@Tag(name = "Broadcast channels")
class ChannelsController {

    private final BroadcastChannelService channels;

    ChannelsController(BroadcastChannelService channels) {
        this.channels = channels;
    }

    /** A channel in the API. */
    record ChannelJson(UUID id, String environment,
                       @Schema(description = "Apple's apns-channel-id, which the app's activities subscribe to")
                       String channelId,
                       @Schema(allowableValues = {"none", "most-recent"}, description = "null when Apple's could "
                               + "not be read") @Nullable String messageStoragePolicy,
                       String name, String createdBy, Instant createdAt) {

        static ChannelJson of(BroadcastChannel c) {
            return new ChannelJson(c.id(), c.environment().wire(), c.channelId(),
                    c.storagePolicy() == null ? null : c.storagePolicy().wire(), c.name(), c.createdBy(),
                    c.createdAt());
        }
    }

    @Schema(name = "ChannelRequest")
    record CreateBody(@Schema(allowableValues = {"sandbox", "production"}) @Nullable String environment,
                      @Schema(allowableValues = {"none", "most-recent"}, description = "what APNs keeps for a device "
                              + "that is offline: nothing, or the most recent broadcast")
                      @Nullable String messageStoragePolicy,
                      @Schema(description = "1 to 120 characters, e.g. the event it carries") @Nullable String name) {
    }

    record SyncBody(@Schema(allowableValues = {"sandbox", "production"}) @Nullable String environment) {
    }

    record SyncJson(int added, int removed, int total) {
        static SyncJson of(ChannelSync sync) {
            return new SyncJson(sync.added(), sync.removed(), sync.total());
        }
    }

    /** A broadcast to a channel in the API. */
    record BroadcastJson(UUID id, UUID channel, String payload, int priority, @Nullable Instant expiresAt,
                         @Schema(allowableValues = {"accepted", "rejected", "failed"}) String status,
                         @Nullable Integer statusCode, @Nullable String reason, @Nullable UUID apnsRequestId,
                         @Schema(description = "Apple's id of the broadcast, for its Push Notifications Console")
                         @Nullable UUID apnsUniqueId, String sentBy, Instant sentAt) {

        static BroadcastJson of(ChannelBroadcast b) {
            return new BroadcastJson(Objects.requireNonNull(b.id(), "a listed broadcast is recorded"), b.channelRef(),
                    b.payload(), b.priority(), b.expiresAt(), b.status().toLowerCase(Locale.ROOT), b.statusCode(),
                    b.reason(), b.apnsRequestId(), b.apnsUniqueId(), b.sentBy(),
                    Objects.requireNonNull(b.sentAt(), "a recorded broadcast has its time"));
        }
    }

    @Schema(name = "ChannelBroadcastRequest")
    record BroadcastBody(@Schema(description = "an update or end: event, contentState, staleDate, dismissalDate, "
                                 + "relevanceScore, alert") @Nullable LiveActivityBody liveActivity,
                         @Schema(allowableValues = {"5", "10"}, description = "10 by default")
                         @Nullable Integer priority,
                         @Schema(description = "until when Apple keeps it for offline devices; none by default")
                         @Nullable Instant expiration) {
    }

    @Schema(name = "ChannelLiveActivity")
    record LiveActivityBody(@Schema(allowableValues = {"update", "end"}) @Nullable String event,
                            @Nullable JsonNode contentState, @Nullable Instant staleDate,
                            @Nullable Instant dismissalDate, @Nullable Double relevanceScore,
                            @Nullable AlertBody alert) {

        LiveActivity toActivity() {
            AlertBody given = alert == null ? new AlertBody(null, null, null) : alert;
            return new LiveActivity(LiveActivity.Event.parse(event), null, null,
                    contentState == null || contentState.isNull() ? null : contentState.toString(), staleDate,
                    dismissalDate, relevanceScore, given.title(), given.body(), given.sound());
        }
    }

    @Schema(name = "ChannelAlert")
    record AlertBody(@Nullable String title, @Nullable String body, @Nullable String sound) {
    }

    @GetMapping
    @Operation(summary = "List an app's broadcast channels in an environment, newest first")
    List<ChannelJson> list(@PathVariable UUID appId,
                           @Parameter(description = "sandbox or production") @RequestParam String environment) {
        return channels.list(appId, ApnsEnvironment.parse(environment)).stream().map(ChannelJson::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Create a Live Activity broadcast channel at Apple (EDITOR); 409 with Apple's reason when it "
            + "refuses (at most 10,000 per app and environment), 503 when it cannot be reached")
    ChannelJson create(@PathVariable UUID appId, @RequestBody(required = false) CreateBody body) {
        CreateBody given = body == null ? new CreateBody(null, null, null) : body;
        ApnsEnvironment environment = given.environment() == null ? null : ApnsEnvironment.parse(given.environment());
        StoragePolicy policy = given.messageStoragePolicy() == null ? null
                : StoragePolicy.parse(given.messageStoragePolicy());
        return ChannelJson.of(channels.create(appId, environment, policy, given.name()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a broadcast channel at Apple and from the list (EDITOR)")
    void delete(@PathVariable UUID appId, @PathVariable UUID id) {
        channels.delete(appId, id);
    }

    @PostMapping("/{id}/broadcasts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Broadcast a Live Activity update or end to every activity subscribed to the channel "
            + "(EDITOR): one request to Apple, recorded with its apns-unique-id; 409 with Apple's reason when it "
            + "refuses, 503 when it cannot be reached (both recorded too)")
    BroadcastJson broadcast(@PathVariable UUID appId, @PathVariable UUID id,
                            @RequestBody(required = false) BroadcastBody body) {
        BroadcastBody given = body == null ? new BroadcastBody(null, null, null) : body;
        LiveActivity activity = given.liveActivity() == null ? null : given.liveActivity().toActivity();
        return BroadcastJson.of(channels.broadcast(appId, id, activity,
                given.priority() == null ? 10 : given.priority(), given.expiration()));
    }

    @GetMapping("/{id}/broadcasts")
    @Operation(summary = "A channel's 50 most recent broadcasts with Apple's answers, newest first")
    List<BroadcastJson> broadcasts(@PathVariable UUID appId, @PathVariable UUID id) {
        return channels.broadcasts(appId, id).stream().map(BroadcastJson::of).toList();
    }

    @PostMapping("/sync")
    @Operation(summary = "Compare the list with Apple's (EDITOR): channels made elsewhere are listed, channels Apple "
            + "no longer has are dropped; answers Apple's count")
    SyncJson sync(@PathVariable UUID appId, @RequestBody(required = false) SyncBody body) {
        return SyncJson.of(channels.sync(appId, ApnsEnvironment.parse(body == null ? null : body.environment())));
    }
}
