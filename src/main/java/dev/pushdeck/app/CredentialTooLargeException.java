package dev.pushdeck.app;

import dev.pushdeck.shared.error.HttpStatusHint;
import dev.pushdeck.shared.error.PushdeckException;
import org.springframework.http.HttpStatus;

/** An upload over {@link CredentialUpload#MAX_BYTES}; answered with 413, nothing stored. */
public class CredentialTooLargeException extends PushdeckException implements HttpStatusHint {

    public CredentialTooLargeException() {
        super("error.credential.too-large", CredentialUpload.MAX_BYTES / 1024);
    }

    @Override
    public HttpStatus httpStatus() {
        return HttpStatus.PAYLOAD_TOO_LARGE;
    }
}
