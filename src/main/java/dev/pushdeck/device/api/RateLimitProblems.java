package dev.pushdeck.device.api;

import dev.pushdeck.device.RateLimitedException;
import dev.pushdeck.shared.Messages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The 429 answer of the registration endpoints, with the Retry-After an app's client waits for. */
final class RateLimitProblems {

    private RateLimitProblems() {
    }

    static ResponseEntity<ProblemDetail> answer(RateLimitedException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                e.message(Messages.supported(request.getLocale())));
        problem.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
