package dev.pushdeck.campaign;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.Credential;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Live Activity pushes need token-based authentication: APNs takes ActivityKit pushes only from
 * a provider that signs with a token key (.p8), not from a TLS client certificate ("Starting and
 * updating Live Activities with ActivityKit push notifications"). So a Live Activity campaign of
 * an environment whose credential in use is a certificate is refused with a reason that says so;
 * one without a credential yet may be drafted (sending it waits for one, as for any campaign).
 * Runs on the caller's thread and transaction, with the caller's role (VIEWER reads credentials).
 */
@Component
class LiveActivityCredentials {

    private final CredentialService credentials;

    LiveActivityCredentials(CredentialService credentials) {
        this.credentials = credentials;
    }

    /** The problem of {@code draft} for the app's credentials, if it is a Live Activity they cannot send. */
    Optional<FieldError> problem(UUID appId, CampaignDraft draft) {
        if (draft.pushType() != PushType.LIVEACTIVITY || draft.environment() == null) {
            return Optional.empty();
        }
        ApnsEnvironment environment = draft.environment();
        return credentials.list(appId).stream().filter(c -> c.activeFor().contains(environment)).findFirst()
                .filter(active -> active.kind().isCertificate())
                .map(Credential::kind)
                .map(kind -> new FieldError("pushType", "campaign.live-activity.token-auth", environment.wire()));
    }
}
