package dev.pushdeck.app;

import dev.pushdeck.app.internal.ApnsProbe;
import dev.pushdeck.app.internal.CredentialParser;
import dev.pushdeck.app.internal.CredentialRepository;
import dev.pushdeck.app.internal.CredentialRepository.CredentialRow;
import dev.pushdeck.app.internal.CredentialRepository.NewCredential;
import dev.pushdeck.app.internal.CredentialRepository.OutageRow;
import dev.pushdeck.app.internal.CredentialRepository.PauseRow;
import dev.pushdeck.app.internal.Envelope;
import dev.pushdeck.app.internal.MasterKey;
import dev.pushdeck.app.internal.MasterKeySource;
import dev.pushdeck.app.internal.ParsedCredential;
import dev.pushdeck.app.internal.SecretPayload;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * APNs credentials of the current team's apps: upload (validated completely before anything
 * is stored, then encrypted at rest), list, delete, connection check, expiry status.
 *
 * <p>Admins upload, delete and check; every member may list credentials (their public facts
 * only: no secret is ever returned). Another team's ids answer {@link NotFoundException};
 * unusable files answer {@link ValidationException} with the exact reason (a
 * {@link TopicMismatchException} can be overridden by confirming), oversized ones
 * {@link CredentialTooLargeException}. Thread-safe.
 */
@Service
public class CredentialService {

    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    /**
     * An outage not reported again for this long is over (the node waiting it out stopped); the
     * dispatcher reports it through {@link dev.pushdeck.app.sending.SendingCredentials}.
     */
    public static final Duration OUTAGE_FRESH = Duration.ofMinutes(2);

    private final CredentialRepository credentials;
    private final AppService apps;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final MasterKeySource masterKeys;
    private final ApnsEndpoints endpoints;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final CredentialsForSending sending;

    CredentialService(CredentialRepository credentials, AppService apps, CurrentActor actor, AuditLog audit,
                      MasterKeySource masterKeys, ApnsEndpoints endpoints, Clock clock,
                      PlatformTransactionManager transactionManager, CredentialsForSending sending) {
        this.credentials = credentials;
        this.apps = apps;
        this.actor = actor;
        this.audit = audit;
        this.masterKeys = masterKeys;
        this.endpoints = endpoints;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.sending = sending;
    }

    /**
     * Validates and stores a credential for an app. The newest credential for an
     * environment is the one used for sending; uploading one lifts a pause of that
     * environment. Nothing is stored when any check fails.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Credential upload(UUID appId, CredentialUpload upload) {
        PushApp app = apps.get(appId);
        byte[] file = upload.file();
        if (file.length > CredentialUpload.MAX_BYTES) {
            throw new CredentialTooLargeException();
        }
        EnvironmentCoverage environment = EnvironmentCoverage.fromWire(upload.environment())
                .orElseThrow(() -> new ValidationException("environment", "error.credential.environment"));
        ParsedCredential parsed = CredentialParser.parse(file, upload.passphrase(), upload.keyId(), upload.teamId());
        CredentialParser.requireUsable(parsed, environment, clock.instant());
        Optional<List<String>> foreignTopics = foreignTopics(parsed, app);
        if (foreignTopics.isPresent() && !upload.confirmTopicMismatch()) {
            throw new TopicMismatchException(foreignTopics.get(), app.bundleId());
        }
        MasterKey master = masterKeys.current().orElseThrow(MasterKeyMissingException::new);
        UUID team = actor.teamId();
        UUID id = UUID.randomUUID();
        ActiveCredentials before = new ActiveCredentials(credentials.list(team, appId));
        Envelope.Sealed sealed = Envelope.seal(master, team, id, new SecretPayload(file, upload.passphrase()).encode());
        credentials.insert(newCredential(id, team, appId, parsed, environment, sealed, actor.require().actorLabel()));
        credentials.unpause(team, appId, environment.environments());
        String target = app.name() + " / " + environment.wire();
        audit.record("credential.uploaded", target, parsed.kind() + " " + parsed.fingerprintSha256()
                + foreignTopics.map(topics -> " (topic mismatch confirmed: " + String.join(", ", topics) + ")")
                        .orElse(""));
        environment.environments().stream().map(before::in).filter(java.util.Objects::nonNull).distinct()
                .forEach(old -> audit.record("credential.replaced", target,
                        old.kind() + " " + old.fingerprintSha256() + " → " + parsed.fingerprintSha256()));
        return get(appId, id);
    }

    /**
     * Uploads a credential in place of one in use, as a script rotating certificates
     * does: the new one must serve every environment the old one is used for (an absent
     * environment means the old one's), and the old one then stays listed as replaced, with
     * the replacement in the audit log, exactly as when an admin uploads a newer file. The
     * old row is locked first, so of two concurrent replacements of it one wins and the
     * other finds it replaced.
     *
     * @throws NotFoundException the app has no such credential
     * @throws ConflictException the credential is no longer in use (already replaced)
     * @throws ValidationException on {@code environment} when the upload would not serve an environment the old one
     *                             serves, and every reason {@link #upload} refuses a file for
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Credential replace(UUID appId, UUID replacedId, CredentialUpload upload) {
        PushApp app = apps.get(appId);
        UUID team = actor.teamId();
        CredentialRow old = credentials.lock(team, app.id(), replacedId).orElseThrow(NotFoundException::new);
        Set<ApnsEnvironment> served = new ActiveCredentials(credentials.list(team, app.id())).environmentsOf(old.id());
        if (served.isEmpty()) {
            throw new ConflictException("error.credential.replace.not-in-use");
        }
        CredentialUpload given = upload.environment() == null || upload.environment().isBlank()
                ? upload.inEnvironment(old.environment().wire()) : upload;
        boolean covers = EnvironmentCoverage.fromWire(given.environment())
                .map(environment -> environment.environments().containsAll(served)).orElse(true);
        if (!covers) {
            throw new ValidationException("environment", "error.credential.replace.environment",
                    old.environment().wire());
        }
        return upload(appId, given);
    }

    /** The app's credentials, newest first, each with the environments it is used for. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<Credential> list(UUID appId) {
        PushApp app = apps.get(appId);
        List<CredentialRow> rows = credentials.list(actor.teamId(), app.id());
        ActiveCredentials active = new ActiveCredentials(rows);
        return rows.stream().map(row -> credential(row, active)).toList();
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Credential get(UUID appId, UUID credentialId) {
        return list(appId).stream().filter(c -> c.id().equals(credentialId)).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    /** Deletes a credential; if it was in use, the next newest for that environment takes over. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void delete(UUID appId, UUID credentialId) {
        PushApp app = apps.get(appId);
        CredentialRow row = credentials.find(actor.teamId(), app.id(), credentialId)
                .orElseThrow(NotFoundException::new);
        credentials.delete(actor.teamId(), app.id(), credentialId);
        audit.record("credential.deleted", app.name() + " / " + row.environment().wire(),
                row.kind() + " " + row.fingerprintSha256());
    }

    /**
     * Tries the credential against the APNs endpoint of its environment (production for a
     * token key serving both) and records the outcome in the audit log. Blocks for up to
     * about 30 seconds; holds no database transaction while waiting.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public ConnectionCheck check(UUID appId, UUID credentialId) {
        EnvironmentCoverage environment = rowOf(appId, credentialId).environment();
        ApnsEnvironment target = environment == EnvironmentCoverage.SANDBOX ? ApnsEnvironment.SANDBOX
                : ApnsEnvironment.PRODUCTION;
        return check(appId, credentialId, endpoints.endpoint(target));
    }

    /** {@link #check(UUID, UUID)} against a given endpoint; for tests that run their own mock APNs. */
    @PreAuthorize("hasRole('ADMIN')")
    ConnectionCheck check(UUID appId, UUID credentialId, ApnsEndpoint endpoint) {
        PushApp app = apps.get(appId);
        SigningMaterial material = transactions.execute(status -> sending.decrypt(credentials.findSecret(actor.teamId(),
                app.id(), credentialId).orElseThrow(NotFoundException::new)));
        ConnectionCheck result = ApnsProbe.probe(endpoint, material, app.bundleId());
        transactions.executeWithoutResult(status -> audit.record("credential.checked", app.name(),
                endpoint + ": " + result.result() + " " + String.join(" ", result.args())));
        return result;
    }

    /** Per app and environment: no credential, valid, expiring soon, expired or paused. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Map<UUID, Map<ApnsEnvironment, EnvironmentStatus>> statuses(List<UUID> appIds) {
        UUID team = actor.teamId();
        Map<UUID, List<CredentialRow>> byApp = credentials.listForApps(team, appIds).stream()
                .collect(Collectors.groupingBy(CredentialRow::appId));
        Map<UUID, Map<ApnsEnvironment, String>> pauses = new HashMap<>();
        for (PauseRow pause : credentials.pauses(team, appIds)) {
            pauses.computeIfAbsent(pause.appId(), k -> new HashMap<>()).put(pause.environment(), pause.reason());
        }
        Map<UUID, Map<ApnsEnvironment, OutageRow>> outages = new HashMap<>();
        for (OutageRow outage : credentials.outages(team, appIds, OUTAGE_FRESH)) {
            outages.computeIfAbsent(outage.appId(), k -> new HashMap<>()).put(outage.environment(), outage);
        }
        Instant now = clock.instant();
        Map<UUID, Map<ApnsEnvironment, EnvironmentStatus>> result = new HashMap<>();
        for (UUID appId : appIds) {
            ActiveCredentials active = new ActiveCredentials(byApp.getOrDefault(appId, List.of()));
            Map<ApnsEnvironment, EnvironmentStatus> perEnvironment = new EnumMap<>(ApnsEnvironment.class);
            for (ApnsEnvironment environment : ApnsEnvironment.values()) {
                String paused = pauses.getOrDefault(appId, Map.of()).get(environment);
                OutageRow outage = outages.getOrDefault(appId, Map.of()).get(environment);
                perEnvironment.put(environment, status(environment, active.in(environment), paused, now)
                        .withOutage(outage == null ? null : outage.since(), outage == null ? null : outage.reason()));
            }
            result.put(appId, perEnvironment);
        }
        return result;
    }

    /** One app's status in one environment, as {@link #statuses} gives it for every app and environment. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public EnvironmentStatus status(UUID appId, ApnsEnvironment environment) {
        Map<ApnsEnvironment, EnvironmentStatus> perEnvironment = statuses(List.of(appId)).getOrDefault(appId, Map.of());
        return Objects.requireNonNull(perEnvironment.get(environment), "statuses cover every app and environment");
    }

    /**
     * Credentials in use by the current team that expire within 30 days or have expired,
     * soonest first: for the admins' banner on the dashboard.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ExpiringCredential> expiringSoon() {
        UUID team = actor.teamId();
        Instant now = clock.instant();
        List<ExpiringCredential> expiring = new ArrayList<>();
        for (PushApp app : apps.all()) {
            List<CredentialRow> rows = credentials.list(team, app.id());
            ActiveCredentials active = new ActiveCredentials(rows);
            rows.stream().filter(row -> !active.environmentsOf(row.id()).isEmpty())
                    .filter(row -> row.notAfter() != null && row.notAfter().isBefore(now.plus(EXPIRY_WARNING)))
                    .forEach(row -> expiring.add(new ExpiringCredential(app.id(), app.name(), row.id(),
                            row.environment(), row.notAfter(),
                            Math.floorDiv(Duration.between(now, row.notAfter()).toSeconds(), 86_400L),
                            !row.notAfter().isAfter(now))));
        }
        expiring.sort(Comparator.comparing(ExpiringCredential::notAfter));
        return expiring;
    }

    private CredentialRow rowOf(UUID appId, UUID credentialId) {
        PushApp app = apps.get(appId);
        return credentials.find(actor.teamId(), app.id(), credentialId).orElseThrow(NotFoundException::new);
    }

    /**
     * A certificate's topics when they do not include the app's bundle id; empty when they do,
     * and for a token key, which is not tied to topics.
     */
    private static Optional<List<String>> foreignTopics(ParsedCredential parsed, PushApp app) {
        return parsed instanceof ParsedCredential.Certificate certificate
                && !certificate.topics().contains(app.bundleId())
                ? Optional.of(certificate.topics()) : Optional.empty();
    }

    /** The row to store: a certificate's public facts, or a token key's ids. */
    private static NewCredential newCredential(UUID id, UUID team, UUID appId, ParsedCredential parsed,
                                               EnvironmentCoverage environment, Envelope.Sealed sealed,
                                               String createdBy) {
        if (parsed instanceof ParsedCredential.Certificate certificate) {
            return new NewCredential(id, team, appId, certificate.kind().name(), environment,
                    certificate.subject(), certificate.topics(), certificate.notBefore(), certificate.notAfter(),
                    certificate.fingerprintSha256(), null, null, sealed, createdBy);
        }
        ParsedCredential.TokenKey key = (ParsedCredential.TokenKey) parsed;
        return new NewCredential(id, team, appId, key.kind().name(), environment, null, List.of(), null, null,
                key.fingerprintSha256(), key.keyId(), key.teamId(), sealed, createdBy);
    }

    private static EnvironmentStatus status(ApnsEnvironment environment, @Nullable CredentialRow active,
                                            @Nullable String pausedReason,
                                            Instant now) {
        UUID id = active == null ? null : active.id();
        Instant until = active == null ? null : active.notAfter();
        if (pausedReason != null) {
            return new EnvironmentStatus(environment, EnvironmentStatus.State.PAUSED, id, until, pausedReason, null,
                    null);
        }
        if (active == null) {
            return new EnvironmentStatus(environment, EnvironmentStatus.State.NONE, null, null, null, null, null);
        }
        EnvironmentStatus.State state = until == null ? EnvironmentStatus.State.VALID
                : !until.isAfter(now) ? EnvironmentStatus.State.EXPIRED
                : until.isBefore(now.plus(EXPIRY_WARNING)) ? EnvironmentStatus.State.EXPIRING_SOON
                : EnvironmentStatus.State.VALID;
        return new EnvironmentStatus(environment, state, id, until, null, null, null);
    }

    private static Credential credential(CredentialRow row, ActiveCredentials active) {
        return new Credential(row.id(), row.appId(), CredentialKind.valueOf(row.kind()),
                row.environment(), row.subject(), row.topicList(), row.notBefore(), row.notAfter(),
                row.fingerprintSha256(), row.keyId(), row.teamId(), row.createdBy(), row.createdAt(),
                active.environmentsOf(row.id()));
    }
}
