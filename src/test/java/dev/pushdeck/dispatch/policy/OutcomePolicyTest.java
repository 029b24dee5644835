package dev.pushdeck.dispatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.policy.ApnsReply.Answered;
import dev.pushdeck.dispatch.policy.ApnsReply.Failed;
import dev.pushdeck.dispatch.policy.ApnsReply.NotSent;
import dev.pushdeck.dispatch.policy.ApnsReply.NotSentWhy;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutcomePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    /** Always the middle of the jitter range, so backoffs are exact. */
    private static final RandomGenerator HALF = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound / 2;
        }
    };
    private static final OutcomePolicy POLICY = new OutcomePolicy(Duration.ofSeconds(2), Duration.ofMinutes(10),
            Duration.ofHours(24), HALF);

    /** Every reason in Apple's table, with its HTTP status, and what the dispatcher makes of it. */
    static Stream<Arguments> applesTable() {
        return Stream.of(
                row(200, null, ReplyClass.ACCEPTED),
                row(400, "BadCollapseId", ReplyClass.RUN_CONTENT),
                row(400, "BadDeviceToken", ReplyClass.TOKEN_REFUSED),
                row(400, "BadExpirationDate", ReplyClass.RUN_DEFECT),
                row(400, "BadMessageId", ReplyClass.RUN_DEFECT),
                row(400, "BadPriority", ReplyClass.RUN_DEFECT),
                row(400, "BadTopic", ReplyClass.RUN_CONTENT),
                row(400, "DeviceTokenNotForTopic", ReplyClass.TOKEN_REFUSED),
                row(400, "DuplicateHeaders", ReplyClass.RUN_DEFECT),
                row(400, "IdleTimeout", ReplyClass.IDLE_TIMEOUT),
                row(400, "InvalidPushType", ReplyClass.RUN_CONTENT),
                row(400, "MissingDeviceToken", ReplyClass.RUN_DEFECT),
                row(400, "MissingTopic", ReplyClass.RUN_DEFECT),
                row(400, "PayloadEmpty", ReplyClass.RUN_DEFECT),
                row(400, "TopicDisallowed", ReplyClass.RUN_CONTENT),
                row(403, "BadCertificate", ReplyClass.CREDENTIAL),
                row(403, "BadCertificateEnvironment", ReplyClass.CREDENTIAL),
                row(403, "ExpiredProviderToken", ReplyClass.PROVIDER_TOKEN_STALE),
                row(403, "Forbidden", ReplyClass.CREDENTIAL),
                row(403, "InvalidProviderToken", ReplyClass.CREDENTIAL),
                row(403, "MissingProviderToken", ReplyClass.CREDENTIAL),
                row(403, "UnrelatedKeyIdInToken", ReplyClass.CREDENTIAL),
                row(403, "BadEnvironmentKeyInToken", ReplyClass.CREDENTIAL),
                row(403, "SomeReasonAppleAddsNextYear", ReplyClass.CREDENTIAL),
                row(404, "BadPath", ReplyClass.RUN_DEFECT),
                row(405, "MethodNotAllowed", ReplyClass.RUN_DEFECT),
                row(410, "ExpiredToken", ReplyClass.DEVICE_GONE),
                row(410, "Unregistered", ReplyClass.DEVICE_GONE),
                row(413, "PayloadTooLarge", ReplyClass.RUN_CONTENT),
                row(413, null, ReplyClass.RUN_CONTENT),
                row(429, "TooManyProviderTokenUpdates", ReplyClass.PROVIDER_TOKEN_UPDATES),
                row(429, "TooManyRequests", ReplyClass.DEVICE_THROTTLED),
                row(500, "InternalServerError", ReplyClass.SERVER_TROUBLE),
                row(503, "ServiceUnavailable", ReplyClass.SERVER_TROUBLE),
                row(503, "Shutdown", ReplyClass.SERVER_TROUBLE),
                row(502, null, ReplyClass.SERVER_TROUBLE),
                row(400, "SomethingNew", ReplyClass.REFUSED),
                row(418, null, ReplyClass.REFUSED));
    }

    private static Arguments row(int status, String reason, ReplyClass expected) {
        return Arguments.of(status, reason, expected);
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @MethodSource("applesTable")
    void everyAnswerInApplesTableHasItsClass(int status, String reason, ReplyClass expected) {
        assertThat(OutcomePolicy.classify(new Answered(status, reason, null))).isEqualTo(expected);
    }

    @Test
    void theTableCoversEveryReasonPushysMockServerCanAnswer() {
        Set<String> covered = applesTable().map(arguments -> (String) arguments.get()[1]).collect(Collectors.toSet());
        assertThat(covered).containsAll(Arrays.stream(RejectionReason.values()).map(OutcomePolicyTest::reasonText)
                .toList());
    }

    /** BAD_DEVICE_TOKEN → BadDeviceToken: Apple's spelling of the mock's constant. */
    private static String reasonText(RejectionReason reason) {
        return Arrays.stream(reason.name().split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining());
    }

    static Stream<Arguments> failures() {
        SSLHandshakeException revoked = new SSLHandshakeException("Received fatal alert: certificate_revoked");
        SSLHandshakeException openSsl = new SSLHandshakeException(
                "error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN");
        SSLHandshakeException untrustedServer = new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path to requested target");
        return Stream.of(
                Arguments.of("connection refused", new ConnectException("Connection refused"), true, false,
                        ReplyClass.TRANSPORT, "ConnectException"),
                Arguments.of("connection reset", new IOException("Connection reset by peer"), false, false,
                        ReplyClass.TRANSPORT, "IOException"),
                Arguments.of("closed channel", new ClosedChannelException(), false, false, ReplyClass.TRANSPORT,
                        "ClosedChannelException"),
                Arguments.of("handshake timeout", new SslHandshakeTimeoutException("handshake timed out after 10000ms"),
                        true, false, ReplyClass.TRANSPORT, "SslHandshakeTimeoutException"),
                Arguments.of("wrapped cause", new IllegalStateException("send failed", new ConnectException("x")),
                        false, false, ReplyClass.TRANSPORT, "ConnectException"),
                Arguments.of("certificate revoked, certificate client", revoked, true, false,
                        ReplyClass.CREDENTIAL, "TlsAlert_certificate_revoked"),
                Arguments.of("certificate alert in OpenSSL words", new IOException("handshake", openSsl), true, false,
                        ReplyClass.CREDENTIAL, "TlsAlert_certificate_unknown"),
                Arguments.of("certificate alert, token client", revoked, false, false, ReplyClass.TRANSPORT,
                        "SSLHandshakeException"),
                Arguments.of("server not trusted, certificate client", untrustedServer, true, false,
                        ReplyClass.TRANSPORT, "SSLHandshakeException"),
                Arguments.of("client closed to give queued notifications back",
                        new IllegalStateException("Channel pool has closed"), true, true, ReplyClass.GIVEN_BACK,
                        "IllegalStateException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void everyWayPushyFailsHasItsClassAndReason(String what, Throwable failure, boolean certificateClient,
                                                boolean givenBack, ReplyClass expected, String reason) {
        Failed reply = new Failed(failure, certificateClient, givenBack);
        assertThat(OutcomePolicy.classify(reply)).isEqualTo(expected);
        assertThat(OutcomePolicy.reason(reply)).isEqualTo(reason);
    }

    @Test
    void eachNotSentReasonHasItsClass() {
        assertThat(OutcomePolicy.classify(new NotSent(NotSentWhy.NO_CREDENTIAL))).isEqualTo(ReplyClass.CREDENTIAL);
        assertThat(OutcomePolicy.classify(new NotSent(NotSentWhy.CREDENTIAL_UNUSABLE)))
                .isEqualTo(ReplyClass.CREDENTIAL);
        assertThat(OutcomePolicy.classify(new NotSent(NotSentWhy.CLIENT_UNAVAILABLE)))
                .isEqualTo(ReplyClass.GIVEN_BACK);
        assertThat(OutcomePolicy.classify(new NotSent(NotSentWhy.STOPPING))).isEqualTo(ReplyClass.GIVEN_BACK);
        assertThat(OutcomePolicy.classify(new NotSent(NotSentWhy.DEADLINE_PASSED)))
                .isEqualTo(ReplyClass.DEADLINE_PASSED);
    }

    // --- What is written ---------------------------------------------------------------

    private static DeliveryClock clock(int attempt, Instant expiresAt) {
        return new DeliveryClock(attempt, NOW.minus(Duration.ofMinutes(5)), expiresAt, null);
    }

    @Test
    void anAcceptedAnswerIsFinalWithoutAReason() {
        Outcome outcome = POLICY.outcome(new Answered(200, null, null), clock(1, null), NOW);
        assertThat(outcome).isEqualTo(new Outcome(ReplyClass.ACCEPTED, DeliveryStatus.ACCEPTED, null, false, 200,
                null, null));
    }

    @Test
    void aRefusalIsFinalWithAppleReasonAndTimestamp() {
        Instant gone = NOW.minus(Duration.ofDays(2));
        assertThat(POLICY.outcome(new Answered(410, "Unregistered", gone), clock(1, null), NOW)).isEqualTo(
                new Outcome(ReplyClass.DEVICE_GONE, DeliveryStatus.REJECTED, null, false, 410, "Unregistered", gone));
        assertThat(POLICY.outcome(new Answered(400, "BadDeviceToken", null), clock(1, null), NOW).status())
                .isEqualTo(DeliveryStatus.REJECTED);
    }

    @Test
    void applesUniqueIdStaysWithAFinalAnswerAndIsDroppedWithARetry() {
        UUID unique = UUID.randomUUID();
        assertThat(POLICY.outcome(new Answered(200, null, null, unique), clock(1, null), NOW).uniqueId())
                .isEqualTo(unique);
        assertThat(POLICY.outcome(new Answered(400, "ChannelNotRegistered", null, unique), clock(1, null), NOW)
                .uniqueId()).isEqualTo(unique);
        assertThat(POLICY.outcome(new Answered(503, "ServiceUnavailable", null, unique), clock(1, null), NOW)
                .uniqueId()).isNull();
    }

    @Test
    void serverTroubleIsRetriedWithAGrowingBackoffAndNoLimitOnAttempts() {
        Answered unavailable = new Answered(503, "ServiceUnavailable", null);
        for (int attempt : new int[] {1, 2, 3, 5, 8, 30}) {
            Outcome outcome = POLICY.outcome(unavailable, clock(attempt, null), NOW);
            long step = Math.min(2_000L << (attempt - 1), 600_000L);
            assertThat(outcome.status()).as("attempt " + attempt).isEqualTo(DeliveryStatus.PENDING);
            assertThat(outcome.refund()).isFalse();
            assertThat(outcome.reason()).isEqualTo("ServiceUnavailable");
            assertThat(outcome.retryAt()).as("attempt " + attempt)
                    .isEqualTo(NOW.plusMillis(step / 2 + (step / 2 + 1) / 2));
        }
    }

    @Test
    void aRetryIsNeverPlannedAfterTheNotificationsOwnExpiration() {
        Instant expires = NOW.plusSeconds(30);
        Outcome outcome = POLICY.outcome(new Answered(500, "InternalServerError", null), clock(9, expires), NOW);
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(outcome.retryAt()).isEqualTo(expires);
    }

    @Test
    void troubleAtOrAfterTheOwnExpirationEndsExpired() {
        Outcome outcome = POLICY.outcome(new Failed(new ConnectException("refused"), false, false),
                clock(4, NOW), NOW);
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(outcome.reason()).isEqualTo("Expired");
    }

    @Test
    void troubleAfterTheRetryWindowEndsFailedWithTheReason() {
        DeliveryClock dayOld = new DeliveryClock(40, NOW.minus(Duration.ofHours(24)), null, "ServiceUnavailable");
        Outcome outcome = POLICY.outcome(new Answered(503, "Shutdown", null), dayOld, NOW);
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(outcome.reason()).isEqualTo("Shutdown");
    }

    @Test
    void aDeliveryPastItsDeadlineBeforeSendingKeepsItsLastReason() {
        DeliveryClock dayOld = new DeliveryClock(3, NOW.minus(Duration.ofHours(25)), null, "ServiceUnavailable");
        Outcome failed = POLICY.outcome(new NotSent(NotSentWhy.DEADLINE_PASSED), dayOld, NOW);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("ServiceUnavailable");
        Outcome expired = POLICY.outcome(new NotSent(NotSentWhy.DEADLINE_PASSED), clock(0, NOW.minusSeconds(1)), NOW);
        assertThat(expired.status()).isEqualTo(DeliveryStatus.EXPIRED);
        Outcome neverTried = POLICY.outcome(new NotSent(NotSentWhy.DEADLINE_PASSED),
                new DeliveryClock(0, NOW.minus(Duration.ofDays(2)), null, null), NOW);
        assertThat(neverTried.reason()).isEqualTo("RetryWindowPassed");
    }

    @Test
    void whatWasNeverSentIsGivenBackDueNowWithItsAttemptRefunded() {
        for (ApnsReply reply : new ApnsReply[] {new NotSent(NotSentWhy.CLIENT_UNAVAILABLE),
                new NotSent(NotSentWhy.STOPPING), new Failed(new IllegalStateException("closed"), false, true),
                new NotSent(NotSentWhy.NO_CREDENTIAL), new Answered(403, "InvalidProviderToken", null)}) {
            Outcome outcome = POLICY.outcome(reply, clock(2, null), NOW);
            assertThat(outcome.status()).as(reply.toString()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(outcome.refund()).as(reply.toString()).isTrue();
            assertThat(outcome.retryAt()).as(reply.toString()).isEqualTo(NOW);
        }
    }

    @Test
    void onlyServerTroubleAndTransportFailuresCountTowardsAnOutage() {
        EnumSet<ReplyClass> trouble = EnumSet.noneOf(ReplyClass.class);
        for (ReplyClass kind : ReplyClass.values()) {
            if (kind.clientSignal() == ReplyClass.ClientSignal.TROUBLE) {
                trouble.add(kind);
            }
        }
        assertThat(trouble).containsExactlyInAnyOrder(ReplyClass.SERVER_TROUBLE, ReplyClass.TRANSPORT);
    }

    @Test
    void stopAndPauseReasonsAreStoredAsMessageKeys() {
        assertThat(OutcomePolicy.stopReason(ReplyClass.RUN_DEFECT, "BadPath")).isEqualTo("dispatch.stop.defect|BadPath");
        assertThat(OutcomePolicy.stopReason(ReplyClass.RUN_CONTENT, "TopicDisallowed"))
                .isEqualTo("dispatch.stop.content|TopicDisallowed");
        assertThat(OutcomePolicy.pauseReason(403, "InvalidProviderToken"))
                .isEqualTo("dispatch.pause.refused|403|InvalidProviderToken");
        assertThat(OutcomePolicy.pauseReason(null, "TlsAlert_certificate_revoked"))
                .isEqualTo("dispatch.pause.handshake|certificate_revoked");
        assertThat(OutcomePolicy.pauseReason(null, "NoCredential")).isEqualTo("dispatch.pause.unusable|NoCredential");
    }
}
