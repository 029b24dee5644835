package dev.pushdeck.device;

import dev.pushdeck.shared.error.HttpStatusHint;
import dev.pushdeck.shared.error.PushdeckException;
import org.springframework.http.HttpStatus;

/**
 * A file that cannot be imported at all (not CSV text, no token column, too large);
 * nothing of it has been stored.
 */
public class ImportFailedException extends PushdeckException implements HttpStatusHint {

    private final HttpStatus status;

    public ImportFailedException(HttpStatus status, String key, Object... args) {
        super(key, args);
        this.status = status;
    }

    @Override
    public HttpStatus httpStatus() {
        return status;
    }
}
