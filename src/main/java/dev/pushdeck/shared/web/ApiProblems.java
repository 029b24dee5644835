package dev.pushdeck.shared.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.HttpStatusHint;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.i18n.Messages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every REST error as an RFC 9457 problem document in the caller's language
 * (Accept-Language; English by default). Validation errors list each field. Unexpected
 * failures are logged and answered without internals. Ordered before Spring Boot's own
 * problem-details advice, so our handlers (e.g. a body over the cap inside an unreadable
 * body) win; other framework refusals keep their status.
 */
@RestControllerAdvice(basePackages = "dev.pushdeck")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalid(ValidationException e, HttpServletRequest request) {
        Locale locale = Messages.supported(request.getLocale());
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, e.message(locale));
        List<Map<String, String>> errors = e.errors().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message(locale))).toList();
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, e.message(Messages.supported(request.getLocale()))));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, e.message(Messages.supported(request.getLocale()))));
    }

    /**
     * Other refusals carry their status in {@link HttpStatusHint}, and a rate limit its
     * {@code Retry-After}; unmarked ones are 422.
     */
    @ExceptionHandler(PushdeckException.class)
    ResponseEntity<ProblemDetail> refused(PushdeckException e, HttpServletRequest request) {
        HttpStatus status = e instanceof HttpStatusHint hint ? hint.httpStatus() : HttpStatus.UNPROCESSABLE_ENTITY;
        ResponseEntity<ProblemDetail> answer = respond(problem(status,
                e.message(Messages.supported(request.getLocale()))));
        long retryAfter = e instanceof HttpStatusHint hint ? hint.retryAfterSeconds() : 0;
        return retryAfter <= 0 ? answer : ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter)).body(answer.getBody());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, Messages.get(Messages.supported(request.getLocale()),
                "error.forbidden")));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, MultipartException.class})
    ResponseEntity<ProblemDetail> malformed(Exception e, HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            return tooLarge(request);
        }
        // Jackson wraps what the capped body throws while it binds a record.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.TooLarge body) {
                return refused(body, request);
            }
            if (cause instanceof MismatchedInputException misfit && !misfit.getPath().isEmpty()) {
                return invalid(wrongType(misfit, Messages.supported(request.getLocale())), request);
            }
        }
        return respond(problem(HttpStatus.BAD_REQUEST, Messages.get(Messages.supported(request.getLocale()),
                "error.malformed", e instanceof MissingServletRequestParameterException missing
                        ? missing.getParameterName() : "")));
    }

    /**
     * Well-formed JSON whose value has the wrong type for its field (text where a number goes, an
     * object where a list goes) is refused as a rule's refusal is, 422 naming the field by its
     * path ({@code abTest.versions[0].title}); only a body that is not JSON at all stays 400.
     */
    private static ValidationException wrongType(MismatchedInputException misfit, Locale locale) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : misfit.getPath()) {
            if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return new ValidationException(field.toString(), "error.json.wrong-type",
                Messages.get(locale, "error.json.type." + typeWord(misfit.getTargetType())));
    }

    private static String typeWord(@Nullable Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "text";
        }
        return Collection.class.isAssignableFrom(type) || type.isArray() ? "list" : "object";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request) {
        return respond(problem(HttpStatus.PAYLOAD_TOO_LARGE, Messages.get(Messages.supported(request.getLocale()),
                "error.too-large")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return respond(problem(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, Messages.get(Messages.supported(request.getLocale()),
                "error.not-found")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse framework) {
            return respond(problem(HttpStatus.valueOf(framework.getStatusCode().value()),
                    framework.getBody().getDetail()));
        }
        log.error("Unexpected error answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, Messages.get(Messages.supported(request.getLocale()),
                "error.unexpected")));
    }

    private static ProblemDetail problem(HttpStatus status, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
