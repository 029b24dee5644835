package dev.pushdeck.app;

import dev.pushdeck.shared.error.HttpStatusHint;
import dev.pushdeck.shared.error.PushdeckException;
import org.springframework.http.HttpStatus;

/** No master key is configured, so no credential can be stored or read (503). */
class MasterKeyMissingException extends PushdeckException implements HttpStatusHint {

    MasterKeyMissingException() {
        super("error.credential.no-master-key");
    }

    @Override
    public HttpStatus httpStatus() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
}
