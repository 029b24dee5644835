package dev.pushdeck.shared.error;

import org.springframework.http.HttpStatus;

/**
 * Marks a {@link PushdeckException} with the HTTP status the REST API should answer
 * (e.g. 413 for an oversized upload, 429 for rate limits). Unmarked refusals answer 422.
 */
public interface HttpStatusHint {

    HttpStatus httpStatus();

    /** Seconds a client should wait before trying again (answered as {@code Retry-After}); 0 for no such advice. */
    default long retryAfterSeconds() {
        return 0;
    }
}
