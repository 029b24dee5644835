package dev.pushdeck.dispatch.api;

import dev.pushdeck.device.Environment;
import dev.pushdeck.dispatch.BroadcastChannel;
import dev.pushdeck.dispatch.BroadcastChannelService;
import dev.pushdeck.dispatch.ChannelSync;
import dev.pushdeck.dispatch.StoragePolicy;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
 * VIEWERs read; EDITORs create, delete and compare with Apple (checked by
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
                               + "not be read") String messageStoragePolicy,
                       String name, String createdBy, Instant createdAt) {

        static ChannelJson of(BroadcastChannel c) {
            return new ChannelJson(c.id(), c.environment().wire(), c.channelId(),
                    c.storagePolicy() == null ? null : c.storagePolicy().wire(), c.name(), c.createdBy(),
                    c.createdAt());
        }
    }

    @Schema(name = "ChannelRequest")
    record CreateBody(@Schema(allowableValues = {"sandbox", "production"}) String environment,
                      @Schema(allowableValues = {"none", "most-recent"}, description = "what APNs keeps for a device "
                              + "that is offline: nothing, or the most recent broadcast") String messageStoragePolicy,
                      @Schema(description = "1 to 120 characters, e.g. the event it carries") String name) {
    }

    record SyncBody(@Schema(allowableValues = {"sandbox", "production"}) String environment) {
    }

    record SyncJson(int added, int removed, int total) {
        static SyncJson of(ChannelSync sync) {
            return new SyncJson(sync.added(), sync.removed(), sync.total());
        }
    }

    @GetMapping
    @Operation(summary = "List an app's broadcast channels in an environment, newest first")
    List<ChannelJson> list(@PathVariable UUID appId,
                           @Parameter(description = "sandbox or production") @RequestParam String environment) {
        return channels.list(appId, Environment.parse(environment)).stream().map(ChannelJson::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Create a Live Activity broadcast channel at Apple (EDITOR); 409 with Apple's reason when it "
            + "refuses (at most 10,000 per app and environment), 503 when it cannot be reached")
    ChannelJson create(@PathVariable UUID appId, @RequestBody(required = false) CreateBody body) {
        CreateBody given = body == null ? new CreateBody(null, null, null) : body;
        Environment environment = given.environment() == null ? null : Environment.parse(given.environment());
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

    @PostMapping("/sync")
    @Operation(summary = "Compare the list with Apple's (EDITOR): channels made elsewhere are listed, channels Apple "
            + "no longer has are dropped; answers Apple's count")
    SyncJson sync(@PathVariable UUID appId, @RequestBody(required = false) SyncBody body) {
        return SyncJson.of(channels.sync(appId, Environment.parse(body == null ? null : body.environment())));
    }
}
