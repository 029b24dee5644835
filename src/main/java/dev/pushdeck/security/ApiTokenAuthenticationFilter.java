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
 * Authenticates stateless requests ({@code /api/**}, {@code /actuator/prometheus}) by
 * {@code Authorization: Bearer} only: team API tokens ({@code pdt_...}), app keys
 * ({@code pdk_...}) and metrics tokens ({@code pdm_...}). Which of them a path admits is
 * the filter chain's rule, not this filter's.
 * A key in the query string is refused outright (it would end up in proxy and browser
 * logs), and a bearer that is not a live token answers 401 at once.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final AppKeyVerifier appKeys;
    private final MetricsTokenService metricsTokens;

    ApiTokenAuthenticationFilter(ApiTokenService tokens, AppKeyVerifier appKeys, MetricsTokenService metricsTokens) {
        this.tokens = tokens;
        this.appKeys = appKeys;
        this.metricsTokens = metricsTokens;
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
        if (bearer.isPresent()) {
            Optional<PushdeckPrincipal> principal = authenticate(bearer.get());
            if (principal.isEmpty()) {
                ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "The API token or app key is unknown or revoked.");
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

    private Optional<PushdeckPrincipal> authenticate(String bearer) {
        if (bearer.startsWith(AppKeyVerifier.KIND)) {
            return appKeys.verify(bearer).map(key -> new PushdeckPrincipal(PushdeckPrincipal.Kind.APP_KEY,
                    key.keyId(), key.name(), key.name(), key.teamId(), null, false, key.appId()));
        }
        if (bearer.startsWith(MetricsTokenService.KIND)) {
            return metricsTokens.authenticate(bearer);
        }
        return tokens.authenticate(bearer);
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
        return value != null && (value.startsWith(ApiTokenService.KIND) || value.startsWith(AppKeyVerifier.KIND)
                || value.startsWith(MetricsTokenService.KIND));
    }
}
