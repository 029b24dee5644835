package dev.pushdeck.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.pushdeck.security.internal.ProblemWriter;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.security.ui.LoginView;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Four filter chains: the REST API (team tokens and app keys only, stateless, never the
 * browser session), Prometheus metrics (metrics tokens only), public operations endpoints,
 * and the Vaadin UI (form login, single sign-on, tracked sessions).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    /** Vaadin's client needs inline styles and its own bootstrap scripts; nothing may frame us. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    /**
     * Spring Security would otherwise wrap each of its filters, every authentication and
     * every authorization in a Micrometer observation: a dozen timers per API call, a
     * large share of what a device registration costs. Requests are still timed once, as
     * {@code http.server.requests}.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * New passwords are hashed with BCrypt at the configured cost (2<sup>cost</sup> rounds, 10 by
     * default); stored hashes of any cost or algorithm Spring Security knows still verify. Only the
     * tests lower the cost, so thousands of sign-ins and invitations do not spend minutes hashing.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${pushdeck.security.password-hash-cost:10}") int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalStateException("PUSHDECK_SECURITY_PASSWORD_HASH_COST: " + cost
                    + " is not a BCrypt cost (4 to 31)");
        }
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
        encoder.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return encoder;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenService tokens, AppKeyVerifier appKeys,
                                MetricsTokenService metricsTokens) throws Exception {
        bearerOnly(http.securityMatcher("/api/**"), new ApiTokenAuthenticationFilter(tokens, appKeys, metricsTokens))
                // Every team token includes VIEWER; a metrics token has no team role at all.
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole(Roles.VIEWER, Roles.APP_KEY))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.UNAUTHORIZED, "Send a team API token as 'Authorization: Bearer pdt_...'."))
                        .accessDeniedHandler((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "This token's role does not allow this action.")));
        securityHeaders(http);
        return http.build();
    }

    /** Metrics name every team's apps and credentials: only a metrics token reads them (decision 029). */
    @Bean
    @Order(2)
    SecurityFilterChain metricsChain(HttpSecurity http, ApiTokenService tokens, AppKeyVerifier appKeys,
                                    MetricsTokenService metricsTokens) throws Exception {
        bearerOnly(http.securityMatcher("/actuator/prometheus"),
                new ApiTokenAuthenticationFilter(tokens, appKeys, metricsTokens))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Roles.METRICS))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.UNAUTHORIZED, "Send a metrics token as 'Authorization: Bearer pdm_...'."))
                        .accessDeniedHandler((request, response, e) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "Only a metrics token (pdm_...) may read metrics.")));
        securityHeaders(http);
        return http.build();
    }

    private static HttpSecurity bearerOnly(HttpSecurity http, ApiTokenAuthenticationFilter bearers) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .addFilterBefore(bearers, AnonymousAuthenticationFilter.class);
    }

    @Bean
    @Order(3)
    SecurityFilterChain operationsChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/health/**", "/actuator/health", "/v3/api-docs/**",
                        "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        securityHeaders(http);
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain uiChain(HttpSecurity http, MembershipDirectory memberships, SessionTracking sessions,
                                SingleSignOn singleSignOn, OidcSignIn oidc) throws Exception {
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login"));
        // The form's sign-in opens a tracked session here; single sign-on and the two-factor step open theirs
        // when they put the account's principal in place (OidcSignIn, TwoFactorSignIn).
        http.sessionManagement(session -> session.addSessionAuthenticationStrategy(sessions));
        if (singleSignOn.enabled()) {
            oidcLogin(http, new OidcRegistration(singleSignOn), oidc);
        }
        http.addFilterAfter(new MembershipRefreshFilter(memberships, sessions), SecurityContextHolderFilter.class);
        securityHeaders(http);
        return http.build();
    }

    /** Sign-in with OpenID Connect beside the form; a provider that cannot be reached leads back to the login page. */
    private static void oidcLogin(HttpSecurity http, ClientRegistrationRepository registrations, OidcSignIn oidc)
            throws Exception {
        http.oauth2Login(login -> login.loginPage("/login")
                .clientRegistrationRepository(registrations)
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidc))
                .successHandler(oidc::succeeded)
                .failureHandler(oidc::failed)
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler((request, response, e) ->
                                response.sendRedirect(request.getContextPath() + "/login?sso-unavailable"));
                        return filter;
                    }
                }));
    }

    private static void securityHeaders(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny())
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }
}
