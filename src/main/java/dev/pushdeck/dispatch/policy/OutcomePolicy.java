package dev.pushdeck.dispatch.policy;

import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.policy.ApnsReply.Answered;
import dev.pushdeck.dispatch.policy.ApnsReply.Failed;
import dev.pushdeck.dispatch.policy.ApnsReply.NotSent;
import dev.pushdeck.shared.i18n.StoredReasons;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * What an APNs reply means, from Apple's table of status codes and reasons
 * ("Handling notification responses from APNs") and the ways a Pushy client fails. Pure:
 * the same reply, clock and random numbers always give the same outcome. Thread-safe if
 * its random generator is.
 *
 * <p>Retries are bounded by time, not by a count: a delivery is retried (with capped,
 * jittered exponential backoff) until its deadline, which is its own expiration or, for a
 * notification APNs is to try once, the end of the retry window after its release. So an
 * outage of a minute delays a campaign instead of failing it.
 */
public final class OutcomePolicy {

    private static final Set<String> DEVICE_GONE = Set.of("Unregistered", "ExpiredToken");
    private static final Set<String> TOKEN_REFUSED = Set.of("BadDeviceToken", "DeviceTokenNotForTopic");
    private static final Set<String> RUN_CONTENT = Set.of("PayloadTooLarge", "BadCollapseId", "BadTopic",
            "TopicDisallowed", "InvalidPushType");
    /** Reasons that can only mean the request was built wrongly: the dispatcher validates all of these. */
    private static final Set<String> RUN_DEFECT = Set.of("BadPath", "MethodNotAllowed", "BadMessageId",
            "DuplicateHeaders", "MissingDeviceToken", "MissingTopic", "BadExpirationDate", "BadPriority",
            "PayloadEmpty");
    /** TLS alerts with which a server refuses the client's certificate. */
    private static final List<String> CERTIFICATE_ALERTS = List.of("bad_certificate", "certificate_revoked",
            "certificate_expired", "certificate_unknown", "certificate_required", "unsupported_certificate",
            "access_denied");
    private static final int MAX_REASON = 64;

    private final Duration retryBase;
    private final Duration retryCap;
    private final Duration retryWindow;
    private final RandomGenerator random;

    /**
     * @param retryBase   the first backoff step (doubled per attempt)
     * @param retryCap    the longest backoff
     * @param retryWindow how long a notification without an expiration of its own is retried after its release
     */
    public OutcomePolicy(Duration retryBase, Duration retryCap, Duration retryWindow, RandomGenerator random) {
        this.retryBase = retryBase;
        this.retryCap = retryCap;
        this.retryWindow = retryWindow;
        this.random = random;
    }

    public Duration retryWindow() {
        return retryWindow;
    }

    /** The kind of {@code reply}. */
    public static ReplyClass classify(ApnsReply reply) {
        if (reply instanceof Answered answered) {
            return classify(answered.statusCode(), answered.reason());
        }
        if (reply instanceof Failed failed) {
            return classify(failed);
        }
        return switch (((NotSent) reply).why()) {
            case NO_CREDENTIAL, CREDENTIAL_UNUSABLE -> ReplyClass.CREDENTIAL;
            case CLIENT_UNAVAILABLE, STOPPING -> ReplyClass.GIVEN_BACK;
            case DEADLINE_PASSED -> ReplyClass.DEADLINE_PASSED;
        };
    }

    /** Whether Apple gives {@code reason} when it refuses a token (the refusals the {@link RunGuard} weighs). */
    public static boolean isTokenRefusal(String reason) {
        return TOKEN_REFUSED.contains(reason);
    }

    /** The reasons Apple gives when it refuses a token. */
    public static Set<String> tokenRefusals() {
        return TOKEN_REFUSED;
    }

    /** The kind of an answer with this status and reason (reason may be null). */
    public static ReplyClass classify(int status, @Nullable String reason) {
        String why = reason == null ? "" : reason;
        if (status == 200) {
            return ReplyClass.ACCEPTED;
        }
        if (status == 410 || DEVICE_GONE.contains(why)) {
            return ReplyClass.DEVICE_GONE;
        }
        if (TOKEN_REFUSED.contains(why)) {
            return ReplyClass.TOKEN_REFUSED;
        }
        if ("ExpiredProviderToken".equals(why)) {
            return ReplyClass.PROVIDER_TOKEN_STALE;
        }
        if (status == 403) {
            return ReplyClass.CREDENTIAL;
        }
        if ("TooManyProviderTokenUpdates".equals(why)) {
            return ReplyClass.PROVIDER_TOKEN_UPDATES;
        }
        if (status == 429) {
            return ReplyClass.DEVICE_THROTTLED;
        }
        if ("IdleTimeout".equals(why)) {
            return ReplyClass.IDLE_TIMEOUT;
        }
        if (status == 413 || RUN_CONTENT.contains(why)) {
            return ReplyClass.RUN_CONTENT;
        }
        if (status == 404 || status == 405 || RUN_DEFECT.contains(why)) {
            return ReplyClass.RUN_DEFECT;
        }
        if (status >= 500) {
            return ReplyClass.SERVER_TROUBLE;
        }
        return ReplyClass.REFUSED;
    }

    private static ReplyClass classify(Failed failed) {
        if (failed.givenBack()) {
            return ReplyClass.GIVEN_BACK;
        }
        return failed.certificateClient() && certificateAlert(failed.failure()) != null ? ReplyClass.CREDENTIAL
                : ReplyClass.TRANSPORT;
    }

    /**
     * What to write for a delivery after {@code reply}.
     *
     * @param clock the delivery's attempt and times
     * @param now   the time the reply is judged at
     */
    public Outcome outcome(ApnsReply reply, DeliveryClock clock, Instant now) {
        ReplyClass kind = classify(reply);
        Integer code = reply instanceof Answered answered ? answered.statusCode() : null;
        Instant appleTimestamp = reply instanceof Answered answered ? answered.appleTimestamp() : null;
        UUID uniqueId = reply instanceof Answered answered ? answered.uniqueId() : null;
        String reason = reason(reply);
        return switch (kind.settle()) {
            case ACCEPTED -> new Outcome(kind, DeliveryStatus.ACCEPTED, null, false, code, null, null, uniqueId);
            case REJECTED -> new Outcome(kind, DeliveryStatus.REJECTED, null, false, code, reason, appleTimestamp,
                    uniqueId);
            case GIVE_BACK -> new Outcome(kind, DeliveryStatus.PENDING, now, true, code, reason, null);
            case GIVE_UP -> giveUp(kind, clock, code, clock.lastReason());
            case RETRY -> retry(kind, clock, now, code, reason);
        };
    }

    private Outcome retry(ReplyClass kind, DeliveryClock clock, Instant now, @Nullable Integer code,
                          @Nullable String reason) {
        Instant deadline = clock.deadline(retryWindow);
        if (!now.isBefore(deadline)) {
            return giveUp(kind, clock, code, reason);
        }
        Instant retryAt = now.plus(backoff(clock.attempt()));
        return new Outcome(kind, DeliveryStatus.PENDING, retryAt.isBefore(deadline) ? retryAt : deadline, false, code,
                reason, null);
    }

    /** EXPIRED when the notification's own expiration passed, FAILED with the last reason when the retry window did. */
    private static Outcome giveUp(ReplyClass kind, DeliveryClock clock, @Nullable Integer code,
                                  @Nullable String reason) {
        if (clock.expiresAt() != null) {
            return new Outcome(kind, DeliveryStatus.EXPIRED, null, false, code, "Expired", null);
        }
        return new Outcome(kind, DeliveryStatus.FAILED, null, false, code,
                reason == null ? "RetryWindowPassed" : reason, null);
    }

    /** Capped exponential backoff with jitter: half the step fixed, half random. */
    Duration backoff(int attempt) {
        long step = retryBase.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20);
        long capped = Math.min(step, retryCap.toMillis());
        return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
    }

    /** The reason stored for {@code reply}: Apple's, the failure's root cause name, or the dispatcher's own. */
    static @Nullable String reason(ApnsReply reply) {
        if (reply instanceof Answered answered) {
            return answered.reason() != null ? clip(answered.reason())
                    : answered.statusCode() == 200 ? null : "HTTP" + answered.statusCode();
        }
        if (reply instanceof Failed failed) {
            String alert = failed.certificateClient() ? certificateAlert(failed.failure()) : null;
            return alert != null ? "TlsAlert_" + alert : clip(rootCause(failed.failure()).getClass().getSimpleName());
        }
        return ((NotSent) reply).why().reason();
    }

    /** Why a run stops after a reply of a {@link ReplyClass#stopsRun() run-stopping} kind, as a stored message. */
    public static String stopReason(ReplyClass kind, @Nullable String reason) {
        return StoredReasons.of(kind == ReplyClass.RUN_DEFECT ? "dispatch.stop.defect" : "dispatch.stop.content",
                reason);
    }

    /** Why sending pauses after a {@link ReplyClass#CREDENTIAL} reply, as a stored message. */
    public static String pauseReason(@Nullable Integer statusCode, @Nullable String reason) {
        if (statusCode != null) {
            return StoredReasons.of("dispatch.pause.refused", statusCode, reason);
        }
        if (reason != null && reason.startsWith("TlsAlert_")) {
            return StoredReasons.of("dispatch.pause.handshake", reason.substring("TlsAlert_".length()));
        }
        return StoredReasons.of("dispatch.pause.unusable", reason);
    }

    /** The TLS alert name if the failure is a handshake the server ended by refusing our certificate. */
    private static @Nullable String certificateAlert(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLHandshakeException && cause.getMessage() != null) {
                String message = cause.getMessage().toLowerCase(Locale.ROOT);
                for (String alert : CERTIFICATE_ALERTS) {
                    if (message.contains(alert)) {
                        return alert;
                    }
                }
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String clip(String reason) {
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }
}
