package dev.pushdeck.app.api;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.ConnectionCheck;
import dev.pushdeck.app.Credential;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialTooLargeException;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.i18n.Messages;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** APNs credentials of one app: {@code /api/v1/apps/{appId}/credentials} (ADMIN to change). */
@RestController
@RequestMapping("/api/v1/apps/{appId}/credentials")
@Tag(name = "Credentials")
class CredentialsController {

    private final CredentialService credentials;

    CredentialsController(CredentialService credentials) {
        this.credentials = credentials;
    }

    /** A credential's public facts; never any secret. */
    record CredentialJson(UUID id, String kind, String environment, @Nullable String subject, List<String> topics,
                          @Nullable Instant notBefore, @Nullable Instant notAfter, String fingerprintSha256,
                          @Nullable String keyId, @Nullable String teamId, String createdBy, Instant createdAt,
                          List<String> activeFor) {
        static CredentialJson of(Credential c) {
            return new CredentialJson(c.id(), c.kind().name(), c.environment().wire(), c.subject(), c.topics(),
                    c.notBefore(), c.notAfter(), c.fingerprintSha256(), c.keyId(), c.teamId(), c.createdBy(),
                    c.createdAt(), c.activeFor().stream().map(ApnsEnvironment::wire).sorted().toList());
        }
    }

    record CheckJson(ConnectionCheck.Result result, String detail) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Upload a .p12, a PEM (certificate + key) or a .p8 token key (ADMIN); 422 says exactly why "
            + "a file cannot be used, and nothing is stored then. With replaces=<credential id> it replaces that "
            + "credential in place: it must serve the same environments (the old one's when environment is absent); "
            + "the old one stays listed as replaced; 409 when it was replaced already")
    CredentialJson upload(@PathVariable UUID appId, @RequestParam("file") MultipartFile file,
                          @RequestParam(required = false) String passphrase,
                          @Parameter(description = "sandbox, production, or both (.p8 only)")
                          @RequestParam(required = false) String environment,
                          @RequestParam(required = false) String keyId,
                          @RequestParam(required = false) String teamId,
                          @RequestParam(defaultValue = "false") boolean confirmTopicMismatch,
                          @Parameter(description = "the id of the credential in use that this upload replaces")
                          @RequestParam(required = false) UUID replaces) {
        CredentialUpload upload = new CredentialUpload(read(file), passphrase, environment, keyId, teamId,
                confirmTopicMismatch);
        return CredentialJson.of(replaces == null ? credentials.upload(appId, upload)
                : credentials.replace(appId, replaces, upload));
    }

    @GetMapping
    @Operation(summary = "The app's credentials, newest first (no secret ever)")
    List<CredentialJson> list(@PathVariable UUID appId) {
        return credentials.list(appId).stream().map(CredentialJson::of).toList();
    }

    @DeleteMapping("/{credentialId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a credential")
    void delete(@PathVariable UUID appId, @PathVariable UUID credentialId) {
        credentials.delete(appId, credentialId);
    }

    @PostMapping("/{credentialId}/check")
    @Operation(summary = "Try the credential against its APNs endpoint: ACCEPTED, REJECTED or UNREACHABLE")
    CheckJson check(@PathVariable UUID appId, @PathVariable UUID credentialId, HttpServletRequest request) {
        ConnectionCheck check = credentials.check(appId, credentialId);
        return new CheckJson(check.result(), check.message(Messages.supported(request.getLocale())));
    }

    /** Reads at most one byte more than allowed, so an oversized file is refused without buffering it all. */
    private static byte[] read(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            byte[] bytes = in.readNBytes(CredentialUpload.MAX_BYTES + 1);
            if (bytes.length > CredentialUpload.MAX_BYTES) {
                throw new CredentialTooLargeException();
            }
            return bytes;
        } catch (IOException e) {
            throw new ValidationException("file", "error.credential.unreadable");
        }
    }
}
