package dev.pushdeck.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.dispatcher.LiveActivityBroadcasts;
import dev.pushdeck.dispatch.BroadcastApns.Answer;
import dev.pushdeck.dispatch.BroadcastApns.Target;
import dev.pushdeck.dispatch.internal.ChannelRepository;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current team's broadcast channels, per app and environment, kept at Apple through its
 * channel management API ({@link BroadcastApns}) and listed here with the name people gave each:
 * create (with a message storage policy), list, delete, compare with Apple's own list (to
 * pick up channels made elsewhere and drop those Apple no longer has), and broadcast a Live
 * Activity update or end to one, each broadcast recorded with Apple's answer. Apple keeps at most
 * {@value #APPLE_LIMIT} channels per app and environment. VIEWERs read; EDITORs change (audited).
 * See docs/decisions/039-broadcast-push.md.
 *
 * <p>Apple is asked first and the list changed after, each in its own short transaction, so no
 * database transaction waits for the network; a channel Apple created that cannot be listed
 * (its app was deleted meanwhile) is deleted at Apple again. Thread-safe; call on request
 * threads (the team comes from {@link CurrentActor}).
 *
 * <p>Failures: another team's app or channel answers {@link NotFoundException}; a bad name or
 * policy {@link ValidationException}; an environment without a token key (.p8), a refusal by
 * Apple (the cap, the credential, broadcasts not enabled for the app) {@link ConflictException}
 * with Apple's reason; no answer from Apple, or one asking to try later,
 * {@link BroadcastUnavailableException} (503).
 */
@Service
public class BroadcastChannelService {

    /** Apple's cap on channels per app and environment. */
    public static final int APPLE_LIMIT = BroadcastSimulator.APPLE_CHANNEL_LIMIT;
    public static final int MAX_NAME = 120;
    static final int RECENT_BROADCASTS = 50;

    private final ChannelRepository channels;
    private final BroadcastApns apns;
    private final AppService apps;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final LiveActivityBroadcasts payloads;
    private final Clock clock;

    BroadcastChannelService(ChannelRepository channels, BroadcastApns apns, AppService apps, CurrentActor actor,
                            AuditLog audit, TransactionTemplate transactions, LiveActivityBroadcasts payloads,
                            Clock clock) {
        this.payloads = payloads;
        this.clock = clock;
        this.channels = channels;
        this.apns = apns;
        this.apps = apps;
        this.actor = actor;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The app's channels in an environment, newest first. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<BroadcastChannel> list(UUID appId, ApnsEnvironment environment) {
        PushApp app = apps.get(appId);
        return transactions.execute(status -> channels.list(actor.teamId(), app.id(), environment));
    }

    /** Creates a Live Activity channel at Apple and lists it under {@code name}. */
    @PreAuthorize("hasRole('EDITOR')")
    public BroadcastChannel create(UUID appId, @Nullable ApnsEnvironment environment, @Nullable StoragePolicy policy,
                                   @Nullable String name) {
        PushApp app = apps.get(appId);
        String clean = name == null ? "" : name.strip();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
            errors.add(new ValidationException.FieldError("name", "error.name.length", MAX_NAME));
        }
        if (policy == null) {
            errors.add(new ValidationException.FieldError("messageStoragePolicy", "channel.policy.invalid"));
        }
        if (environment == null) {
            errors.add(new ValidationException.FieldError("environment", "device.environment.invalid"));
        }
        if (!errors.isEmpty() || environment == null || policy == null) {
            throw new ValidationException(errors);
        }
        if (transactions.execute(status -> channels.count(actor.teamId(), app.id(), environment)) >= APPLE_LIMIT) {
            throw new ConflictException("channel.limit", APPLE_LIMIT);
        }
        Target target = target(app, environment);
        Answer created = ask(() -> apns.createChannel(target, policy.apple()));
        String channelId = created.channelId();
        if (!created.ok() || channelId == null) {
            throw refusal(created);
        }
        try {
            return transactions.execute(status -> {
                BroadcastChannel channel = channels.insert(actor.teamId(), app.id(), environment, channelId,
                        policy, clean, actor.require().actorLabel()).orElseThrow();
                audit.record("channel.created", app.name(), environment.wire() + " " + clean + " "
                        + channelId);
                return channel;
            });
        } catch (DataIntegrityViolationException e) {
            forgetAtApple(target, channelId);
            throw new NotFoundException();
        }
    }

    /**
     * Deletes a channel at Apple, then from the list (also when Apple no longer had it). Activities
     * subscribed to it get no more broadcasts.
     */
    @PreAuthorize("hasRole('EDITOR')")
    public void delete(UUID appId, UUID id) {
        PushApp app = apps.get(appId);
        BroadcastChannel channel = transactions.execute(status -> channels.find(actor.teamId(), app.id(), id))
                .orElseThrow(NotFoundException::new);
        Answer deleted = ask(() -> apns.deleteChannel(target(app, channel.environment()), channel.channelId()));
        if (!deleted.ok() && !"ChannelNotRegistered".equals(deleted.reason())) {
            throw refusal(deleted);
        }
        transactions.executeWithoutResult(status -> {
            channels.delete(actor.teamId(), app.id(), id);
            audit.record("channel.deleted", app.name(), channel.environment().wire() + " " + channel.name() + " "
                    + channel.channelId());
        });
    }

    /**
     * Broadcasts a Live Activity update or end to every activity subscribed to the channel: one
     * request to Apple, recorded with its answer (and Apple's {@code apns-unique-id}) whatever it was.
     *
     * @param priority   5 (conserves the device's budget) or 10 (at once; draws on the budget)
     * @param expiration until when Apple keeps it for offline devices (channels that store the most
     *                   recent message), or null for not at all
     * @return the accepted broadcast
     * @throws ValidationException       bad content (under {@code liveActivity}), priority or a past expiration
     * @throws ConflictException         Apple refused it (recorded, with Apple's reason)
     * @throws BroadcastUnavailableException no answer, or Apple asked to try later (recorded)
     */
    @PreAuthorize("hasRole('EDITOR')")
    public ChannelBroadcast broadcast(UUID appId, UUID id, @Nullable LiveActivity activity, int priority,
                                      @Nullable Instant expiration) {
        PushApp app = apps.get(appId);
        BroadcastChannel channel = transactions.execute(status -> channels.find(actor.teamId(), app.id(), id))
                .orElseThrow(NotFoundException::new);
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (priority != 5 && priority != 10) {
            errors.add(new ValidationException.FieldError("priority", "channel.broadcast.priority"));
        }
        if (expiration != null && !expiration.isAfter(clock.instant())) {
            errors.add(new ValidationException.FieldError("expiration", "channel.broadcast.expiration.past"));
        }
        String payload;
        try {
            payload = payloads.payload(activity);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            payload = null;
        }
        if (!errors.isEmpty() || payload == null) {
            throw new ValidationException(errors);
        }
        Target target = target(app, channel.environment());
        UUID requestId = UUID.randomUUID();
        Answer answer;
        try {
            answer = apns.broadcast(target, channel.channelId(), payload, priority,
                    expiration == null ? 0 : expiration.getEpochSecond(), requestId).get();
        } catch (ExecutionException e) {
            record(app, channel, payload, priority, expiration, requestId, null);
            throw new BroadcastUnavailableException(Objects.requireNonNull(e.getCause(), "a failed send has its cause")
                    .getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BroadcastUnavailableException("interrupted");
        }
        ChannelBroadcast recorded = record(app, channel, payload, priority, expiration, requestId, answer);
        if (!answer.ok()) {
            throw refusal(answer);
        }
        return recorded;
    }

    /** A channel's most recent broadcasts, newest first. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<ChannelBroadcast> broadcasts(UUID appId, UUID id) {
        PushApp app = apps.get(appId);
        return transactions.execute(status -> {
            channels.find(actor.teamId(), app.id(), id).orElseThrow(NotFoundException::new);
            return channels.broadcasts(actor.teamId(), id, RECENT_BROADCASTS);
        });
    }

    private ChannelBroadcast record(PushApp app, BroadcastChannel channel, String payload, int priority,
                                    @Nullable Instant expiration, UUID requestId, @Nullable Answer answer) {
        String status = answer == null || answer.status() == 429 || answer.status() >= 500 ? "FAILED"
                : answer.ok() ? "ACCEPTED" : "REJECTED";
        ChannelBroadcast sent = new ChannelBroadcast(null, channel.id(), payload, priority, expiration, status,
                answer == null ? null : answer.status(), answer == null ? null : answer.reason(), requestId,
                answer == null ? null : answer.uniqueId(), actor.require().actorLabel(), null);
        return transactions.execute(tx -> {
            ChannelBroadcast stored = channels.insertBroadcast(actor.teamId(), sent).orElseThrow(NotFoundException::new);
            audit.record("channel.broadcast", app.name(), channel.environment().wire() + " " + channel.name() + " "
                    + channel.channelId() + ": " + status + (stored.reason() == null ? "" : " " + stored.reason()));
            return stored;
        });
    }

    /**
     * Compares the list with Apple's: channels Apple has that were made elsewhere are listed
     * (with their policy as Apple reports it), channels Apple no longer has are dropped.
     */
    @PreAuthorize("hasRole('EDITOR')")
    public ChannelSync sync(UUID appId, ApnsEnvironment environment) {
        PushApp app = apps.get(appId);
        Target target = target(app, environment);
        Answer listed = ask(() -> apns.listChannels(target));
        if (!listed.ok()) {
            throw refusal(listed);
        }
        List<String> atApple = new ArrayList<>();
        Objects.requireNonNull(listed.body(), "Apple lists the channels in a JSON body").path("channels")
                .forEach(id -> atApple.add(id.asText()));
        Set<String> known = Set.copyOf(transactions.execute(status -> channels.list(actor.teamId(), app.id(),
                environment)).stream().map(BroadcastChannel::channelId).toList());
        List<String> added = new ArrayList<>();
        List<StoragePolicy> policies = new ArrayList<>();
        for (String id : atApple) {
            if (!known.contains(id)) {
                added.add(id);
                policies.add(policyAtApple(target, id));
            }
        }
        return transactions.execute(status -> {
            int removed = channels.deleteAllBut(actor.teamId(), app.id(), environment, atApple);
            for (int i = 0; i < added.size(); i++) {
                channels.insert(actor.teamId(), app.id(), environment, added.get(i), policies.get(i), added.get(i),
                        actor.require().actorLabel());
            }
            audit.record("channel.synced", app.name(), environment.wire() + ": " + added.size() + " added, " + removed
                    + " removed, " + atApple.size() + " at Apple");
            return new ChannelSync(added.size(), removed, atApple.size());
        });
    }

    /** A channel's policy as Apple reads it back, or null when it cannot be read. */
    private @Nullable StoragePolicy policyAtApple(Target target, String channelId) {
        Answer read = ask(() -> apns.readChannel(target, channelId));
        JsonNode policy = read.body() == null ? null : read.body().get("message-storage-policy");
        return read.ok() && policy != null && policy.isInt() ? StoragePolicy.ofApple(policy.asInt()) : null;
    }

    private Target target(PushApp app, ApnsEnvironment environment) {
        try {
            return apns.target(actor.teamId(), app.id(), environment, app.bundleId());
        } catch (ApnsClients.NoCredentialException e) {
            throw new ConflictException("channel.no-credential", app.name(), environment.wire());
        } catch (BroadcastApns.CertificateOnlyException e) {
            throw new ConflictException("channel.token-key-required", environment.wire());
        }
    }

    /** Apple's refusal as a reason people can act on. */
    private static RuntimeException refusal(Answer answer) {
        String reason = answer.reason() == null ? "HTTP " + answer.status() : answer.reason();
        if (answer.status() == 429 || answer.status() >= 500) {
            return new BroadcastUnavailableException(reason);
        }
        return switch (reason) {
            case "CannotCreateChannelConfig" -> new ConflictException("channel.limit", APPLE_LIMIT);
            case "FeatureNotEnabled" -> new ConflictException("channel.not-enabled");
            case "ChannelNotRegistered" -> new ConflictException("channel.not-registered");
            default -> answer.status() == 403 ? new ConflictException("channel.refused.credential", reason)
                    : new ConflictException("channel.refused", answer.status(), reason);
        };
    }

    private interface Call {
        Answer run() throws IOException;
    }

    /** Apple's answer; none at all (no connection, a timeout) is {@link BroadcastUnavailableException}. */
    private static Answer ask(Call call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new BroadcastUnavailableException(e.getClass().getSimpleName());
        }
    }

    /** Best effort: a channel created for an app that went away meanwhile. */
    private void forgetAtApple(Target target, String channelId) {
        try {
            apns.deleteChannel(target, channelId);
        } catch (IOException | RuntimeException e) {
            // Apple keeps it; a later sync of the same app cannot happen (the app is gone), so only the cap counts it.
        }
    }
}
