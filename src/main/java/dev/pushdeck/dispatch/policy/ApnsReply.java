package dev.pushdeck.dispatch.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What came back for one notification: Apple's answer, a failure to get one, or the
 * dispatcher's own decision not to send it. Facts only; {@link OutcomePolicy} says what
 * they mean.
 */
public sealed interface ApnsReply {

    /**
     * Apple answered.
     *
     * @param reason         Apple's reason, or null (200 has none)
     * @param appleTimestamp when Apple last knew the token valid (410 only), or null
     * @param uniqueId       Apple's apns-unique-id (sandbox and broadcasts), or null
     */
    record Answered(int statusCode, @Nullable String reason, @Nullable Instant appleTimestamp,
                    @Nullable UUID uniqueId) implements ApnsReply {

        /** An answer without an apns-unique-id. */
        public Answered(int statusCode, @Nullable String reason, @Nullable Instant appleTimestamp) {
            this(statusCode, reason, appleTimestamp, null);
        }
    }

    /**
     * No answer: the connection could not be made, broke, or the client was closed.
     *
     * @param certificateClient whether the client authenticates with a TLS certificate (a
     *                          refused handshake is then the credential's fault)
     * @param givenBack         whether the dispatcher itself closed the client to give its
     *                          queued notifications back (they were never written to Apple)
     */
    record Failed(Throwable failure, boolean certificateClient, boolean givenBack) implements ApnsReply {

        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** Not sent, for a reason of the dispatcher's own (named by {@code why}). */
    record NotSent(NotSentWhy why) implements ApnsReply {
    }

    /** Why a claimed delivery was not handed to a client. */
    enum NotSentWhy {
        /** The app has no credential for the environment. */
        NO_CREDENTIAL("NoCredential"),
        /** The stored credential cannot be read or turned into a client. */
        CREDENTIAL_UNUSABLE("CredentialUnusable"),
        /** The client is unavailable for now (an outage, or it could not be built): given back unsent. */
        CLIENT_UNAVAILABLE(null),
        /** The dispatcher is stopping: given back unsent. */
        STOPPING(null),
        /** Its deadline (its own expiration, or the retry window) passed before Apple accepted it. */
        DEADLINE_PASSED(null);

        private final @Nullable String reason;

        NotSentWhy(@Nullable String reason) {
            this.reason = reason;
        }

        /** The reason stored with the delivery, or null when nothing is stored. */
        public @Nullable String reason() {
            return reason;
        }
    }
}
