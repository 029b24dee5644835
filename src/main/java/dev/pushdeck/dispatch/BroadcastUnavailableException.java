package dev.pushdeck.dispatch;

import dev.pushdeck.shared.error.HttpStatusHint;
import dev.pushdeck.shared.error.PushdeckException;
import org.springframework.http.HttpStatus;

/** APNs could not be asked now (no connection, a timeout, or it answered 5xx or 429): try again later (HTTP 503). */
public class BroadcastUnavailableException extends PushdeckException implements HttpStatusHint {

    BroadcastUnavailableException(String reason) {
        super("channel.apns-unavailable", reason);
    }

    @Override
    public HttpStatus httpStatus() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }
}
