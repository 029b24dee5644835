package dev.pushdeck.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushdeck.shared.i18n.Messages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for the REST API's creating POSTs (handlers marked
 * {@link Idempotent}), so retried automation never creates twins. Runs after
 * authentication; keys belong to the caller's team.
 *
 * <p>The first request with a key claims it and runs <em>inside one transaction</em> with
 * the storing of its answer: the services' own transactions join it, so the created rows
 * and the stored answer commit together, or neither does (a crash or a refusal leaves the
 * key free for a corrected retry; only 2xx answers are stored). A repeat within 24 hours
 * gets the stored status, Location and body again, marked {@code Idempotent-Replayed: true};
 * one arriving while the first still runs waits for it. The same key with a different
 * method, path, query or body is refused with 422. Bodies are compared by their bytes; multipart
 * uploads by their parts, since every client picks a new boundary per request. See
 * docs/decisions/032-idempotency-keys.md.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY = 200;
    /** JSON bodies of creating requests are small; a larger one is refused rather than buffered. */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private final IdempotencyStore store;
    private final IdempotencyScope scope;
    private final RequestMappingHandlerMapping handlers;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    IdempotencyFilter(IdempotencyStore store, IdempotencyScope scope,
                      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
                      PlatformTransactionManager transactionManager, ObjectMapper json, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.handlers = handlers;
        this.transaction = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Idempotent marker = marker(request);
        Optional<UUID> team = scope.teamId();
        String key = request.getHeader(HEADER).strip();
        if (marker == null || team.isEmpty() || key.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            problem(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "error.idempotency-key.invalid", MAX_KEY);
            return;
        }
        HttpServletRequest readable = request;
        byte[] fingerprint;
        if (isMultipart(request)) {
            fingerprint = multipartFingerprint(request);
        } else {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                problem(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "error.too-large");
                return;
            }
            readable = new BufferedBody(request, body);
            fingerprint = fingerprint(request, List.of(body));
        }
        if (fingerprint == null) {
            chain.doFilter(request, response);
            return;
        }
        run(readable, response, chain, new Claim(team.get(), key, fingerprint, marker));
    }

    private record Claim(UUID team, String key, byte[] fingerprint, Idempotent marker) {
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Claim claim)
            throws IOException, ServletException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        Optional<IdempotencyStore.Answer> earlier = inTransaction(status -> {
            Optional<IdempotencyStore.Answer> answer = store.claim(claim.team(), claim.key(), claim.fingerprint(),
                    clock.instant());
            if (answer.isPresent()) {
                return answer;
            }
            chain.doFilter(request, captured);
            int code = captured.getStatus();
            if (code >= 200 && code < 300) {
                store.complete(claim.team(), claim.key(), code, captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION), withoutSecrets(captured.getContentAsByteArray(),
                                claim.marker()));
            } else {
                status.setRollbackOnly();
            }
            return Optional.empty();
        });
        if (earlier.isEmpty()) {
            captured.copyBodyToResponse();
        } else if (earlier.get().fingerprint() != null
                && !MessageDigest.isEqual(earlier.get().fingerprint(), claim.fingerprint())) {
            problem(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "error.idempotency-key.reused");
        } else {
            replay(earlier.get(), response);
        }
    }

    /** The chain's checked exceptions pass through the transaction callback unchanged. */
    private interface Work<T> {
        T run(TransactionStatus status) throws IOException, ServletException;
    }

    private <T> T inTransaction(Work<T> work) throws IOException, ServletException {
        try {
            return transaction.execute(status -> {
                try {
                    return work.run(status);
                } catch (IOException | ServletException e) {
                    throw new WrappedFailure(e);
                }
            });
        } catch (WrappedFailure failure) {
            if (failure.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) failure.getCause();
        }
    }

    private static final class WrappedFailure extends RuntimeException {
        WrappedFailure(Exception cause) {
            super(cause);
        }
    }

    private void replay(IdempotencyStore.Answer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader(REPLAYED, "true");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** The handler's marker, or null for handlers that are not marked (the key is then ignored). */
    private @Nullable Idempotent marker(HttpServletRequest request) {
        try {
            HandlerExecutionChain handler = handlers.getHandler(request);
            return handler != null && handler.getHandler() instanceof HandlerMethod method
                    ? method.getMethodAnnotation(Idempotent.class) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Secrets shown once are never stored: the replay answers without them. */
    private byte[] withoutSecrets(byte[] body, Idempotent marker) throws IOException {
        if (marker.secretFields().length == 0 || body.length == 0) {
            return body;
        }
        ObjectNode tree = (ObjectNode) json.readTree(body);
        Arrays.stream(marker.secretFields()).forEach(tree::remove);
        return json.writeValueAsBytes(tree);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    /** Parts by name with their file names and bytes; null when the parts cannot be read (the handler then refuses). */
    private static byte @Nullable [] multipartFingerprint(HttpServletRequest request) {
        try {
            List<byte[]> pieces = new ArrayList<>();
            List<Part> parts = new ArrayList<>(request.getParts());
            parts.sort(Comparator.comparing(Part::getName).thenComparing(part -> String.valueOf(
                    part.getSubmittedFileName())));
            for (Part part : parts) {
                pieces.add((part.getName() + "\u0000" + part.getSubmittedFileName() + "\u0000")
                        .getBytes(StandardCharsets.UTF_8));
                try (InputStream in = part.getInputStream()) {
                    pieces.add(in.readAllBytes());
                }
            }
            return fingerprint(request, pieces);
        } catch (IOException | ServletException | IllegalStateException e) {
            return null;
        }
    }

    private static byte[] fingerprint(HttpServletRequest request, List<byte[]> body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            sha.update((request.getMethod() + " " + request.getRequestURI() + query + "\u0000")
                    .getBytes(StandardCharsets.UTF_8));
            for (byte[] piece : body) {
                // Each piece's length first, so ("ab", "c") and ("a", "bc") differ.
                sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(piece.length).array());
                sha.update(piece);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key,
                         Object... args) throws IOException {
        Locale locale = Messages.supported(request.getLocale());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, Messages.get(locale, key, args));
        problem.setTitle(status.getReasonPhrase());
        if (status == HttpStatus.UNPROCESSABLE_ENTITY) {
            problem.setProperty("errors", List.of(Map.of("field", HEADER, "message", problem.getDetail())));
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** The request with its body read once into memory, served again to the handler. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
