package dev.pushdeck.app;

import dev.pushdeck.app.internal.CredentialParser;
import dev.pushdeck.app.internal.CredentialRepository;
import dev.pushdeck.app.internal.CredentialRepository.CredentialRow;
import dev.pushdeck.app.internal.CredentialRepository.PauseRow;
import dev.pushdeck.app.internal.CredentialRepository.SecretRow;
import dev.pushdeck.app.internal.Envelope;
import dev.pushdeck.app.internal.MasterKey;
import dev.pushdeck.app.internal.MasterKeySource;
import dev.pushdeck.app.internal.SecretPayload;
import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.audit.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The dispatcher's view of the credentials, next to the people's {@link CredentialService}. */
@Service
class CredentialsForSending implements SendingCredentials {

    private final CredentialRepository credentials;
    private final AuditLog audit;
    private final MasterKeySource masterKeys;

    CredentialsForSending(CredentialRepository credentials, AuditLog audit, MasterKeySource masterKeys) {
        this.credentials = credentials;
        this.audit = audit;
        this.masterKeys = masterKeys;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SigningMaterial> signingMaterial(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        CredentialRow active = new ActiveCredentials(credentials.list(tenantId, appId)).in(environment);
        if (active == null) {
            return Optional.empty();
        }
        return credentials.findSecret(tenantId, appId, active.id()).map(this::decrypt);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> pausedReason(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        return credentials.pauses(tenantId, List.of(appId)).stream()
                .filter(pause -> pause.environment() == environment).map(PauseRow::reason).findFirst();
    }

    @Override
    @Transactional
    public boolean pauseSending(UUID tenantId, UUID appId, ApnsEnvironment environment, String reason) {
        boolean paused = credentials.pause(tenantId, appId, environment, reason);
        if (paused) {
            audit.recordAs(tenantId, "dispatcher", "credential.refused", appId + " / " + environment.wire() + ": "
                    + reason, null);
        }
        return paused;
    }

    @Override
    @Transactional
    public void reportOutage(UUID tenantId, UUID appId, ApnsEnvironment environment, Instant since, String reason) {
        credentials.reportOutage(tenantId, appId, environment, since, reason, CredentialService.OUTAGE_FRESH);
    }

    @Override
    @Transactional
    public void endOutage(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        credentials.endOutage(tenantId, appId, environment);
    }

    /**
     * The material sealed in a stored credential, for sending and for the people's connection check.
     *
     * @throws IllegalStateException when it cannot be decrypted (wrong master key or tampered row)
     */
    SigningMaterial decrypt(SecretRow row) {
        MasterKey master = masterKeys.current().orElseThrow(MasterKeyMissingException::new);
        SecretPayload payload;
        try {
            payload = SecretPayload.decode(Envelope.open(master, row.tenantId(), row.id(), row.secretCiphertext(),
                    row.wrappedDataKey()));
        } catch (Envelope.OpenFailed e) {
            throw new IllegalStateException("Credential " + row.id() + " cannot be decrypted", e);
        }
        return CredentialParser.parse(payload.file(), payload.passphrase(), row.keyId(), row.teamId())
                .material(row.id());
    }
}
