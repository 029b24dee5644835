package dev.pushdeck.dispatch.policy;

/**
 * The kinds of reply the dispatcher tells apart, each with what it does to the delivery
 * and what it says about the client, the run and the credential. One constant per row of
 * Apple's table of reasons that needs different handling (see {@link OutcomePolicy#classify}).
 */
public enum ReplyClass {
    /** 200: APNs accepted the notification (not: the phone showed it). */
    ACCEPTED(Settle.ACCEPTED, ClientSignal.ANSWERED),
    /** 410 Unregistered / ExpiredToken: the app is gone from the device; the device is marked at once. */
    DEVICE_GONE(Settle.REJECTED, ClientSignal.ANSWERED),
    /**
     * 400 BadDeviceToken / DeviceTokenNotForTopic: refused for this token. The same answer for
     * every device means a misconfiguration (wrong bundle id, environment or push type), so it
     * is evidence for the {@link RunGuard}, and devices are marked only when the run ends well.
     */
    TOKEN_REFUSED(Settle.REJECTED, ClientSignal.ANSWERED),
    /** A refusal the dispatcher has no rule for: final for this delivery only. */
    REFUSED(Settle.REJECTED, ClientSignal.ANSWERED),
    /** Every 403 but ExpiredProviderToken, or a client certificate refused in the handshake: pause the app's environment. */
    CREDENTIAL(Settle.GIVE_BACK, ClientSignal.ANSWERED),
    /** The notification itself is refused (topic, size, collapse id, push type): stop the run; the campaign must change. */
    RUN_CONTENT(Settle.REJECTED, ClientSignal.ANSWERED),
    /** Apple says our request is malformed (path, method, headers, apns-id): stop the run; a defect to report. */
    RUN_DEFECT(Settle.REJECTED, ClientSignal.ANSWERED),
    /** 5xx: APNs is in trouble. Retried; counts towards an outage of the client. */
    SERVER_TROUBLE(Settle.RETRY, ClientSignal.TROUBLE),
    /** No answer (connection refused, reset, timed out, handshake failed): retried; counts towards an outage. */
    TRANSPORT(Settle.RETRY, ClientSignal.TROUBLE),
    /** 429 TooManyRequests: too many notifications to this device; retried later. */
    DEVICE_THROTTLED(Settle.RETRY, ClientSignal.ANSWERED),
    /** 403 ExpiredProviderToken: the client makes a new token; retried. */
    PROVIDER_TOKEN_STALE(Settle.RETRY, ClientSignal.ANSWERED),
    /** 429 TooManyProviderTokenUpdates: sent spuriously by APNs; retried, and the client is recycled. */
    PROVIDER_TOKEN_UPDATES(Settle.RETRY, ClientSignal.RECYCLE),
    /** 400 IdleTimeout: the connection idled out on Apple's side; retried. */
    IDLE_TIMEOUT(Settle.RETRY, ClientSignal.ANSWERED),
    /** Not sent (no client for now, stopping, or queued in a client closed on purpose): given back as it was. */
    GIVEN_BACK(Settle.GIVE_BACK, ClientSignal.NONE),
    /** Not sent and never will be: its deadline passed first. */
    DEADLINE_PASSED(Settle.GIVE_UP, ClientSignal.NONE);

    /** How the delivery row is written. */
    public enum Settle {
        ACCEPTED, REJECTED, RETRY, GIVE_BACK, GIVE_UP
    }

    /** What the reply says about the client that sent it (see {@link ClientBreaker}). */
    public enum ClientSignal {
        /** Apple answered: the service is reachable through this client. */
        ANSWERED,
        /** A server error or no answer: part of an outage, perhaps. */
        TROUBLE,
        /** Apple answered, and the client should be replaced by a fresh one. */
        RECYCLE,
        /** Nothing was sent. */
        NONE
    }

    private final Settle settle;
    private final ClientSignal clientSignal;

    ReplyClass(Settle settle, ClientSignal clientSignal) {
        this.settle = settle;
        this.clientSignal = clientSignal;
    }

    public Settle settle() {
        return settle;
    }

    public ClientSignal clientSignal() {
        return clientSignal;
    }

    /** Whether this reply stops the whole run. */
    public boolean stopsRun() {
        return this == RUN_CONTENT || this == RUN_DEFECT;
    }

    /** Whether this reply counts as a refusal that the {@link RunGuard} weighs against acceptances. */
    public boolean isRefusal() {
        return this == TOKEN_REFUSED;
    }
}
