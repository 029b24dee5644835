package dev.pushdeck.security;

import dev.pushdeck.security.internal.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} requests by {@code Authorization: Bearer pdt_...} only.
 * A key in the query string is refused outright (it would end up in proxy and browser
 * logs), and a bearer that is not a live token answers 401 at once.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;

    ApiTokenAuthenticationFilter(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (keyInQueryString(request)) {
            ProblemWriter.write(response, HttpStatus.UNAUTHORIZED,
                    "Keys are never accepted in a query string; send them as 'Authorization: Bearer ...'.");
            return;
        }
        Optional<String> bearer = bearer(request);
        if (bearer.isPresent() && bearer.get().startsWith(ApiTokenService.KIND)) {
            Optional<PushdeckPrincipal> principal = tokens.authenticate(bearer.get());
            if (principal.isEmpty()) {
                ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "The API token is unknown or revoked.");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new PushdeckAuthentication(principal.get()));
            SecurityContextHolder.setContext(context);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Optional<String> bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }

    private static boolean keyInQueryString(HttpServletRequest request) {
        return request.getParameterMap().entrySet().stream().anyMatch(entry ->
                entry.getKey().equalsIgnoreCase("access_token") || entry.getKey().equalsIgnoreCase("api_key")
                        || Arrays.stream(entry.getValue()).anyMatch(ApiTokenAuthenticationFilter::looksLikeKey));
    }

    private static boolean looksLikeKey(String value) {
        return value != null && (value.startsWith("pdt_") || value.startsWith("pdk_"));
    }
}
