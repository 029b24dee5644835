package dev.pushdeck.device;

import dev.pushdeck.shared.error.HttpStatusHint;
import dev.pushdeck.shared.error.PushdeckException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Too many requests; {@link #retryAfterSeconds()} says when to try again (HTTP 429 with Retry-After). */
public class RateLimitedException extends PushdeckException implements HttpStatusHint {

    private final long retryAfterSeconds;

    public RateLimitedException(Duration wait) {
        super("device.rate-limited");
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public HttpStatus httpStatus() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }
}
