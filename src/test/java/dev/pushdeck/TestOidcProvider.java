package dev.pushdeck;

import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real OpenID Connect provider in the test JVM (mock-oauth2-server on a free loopback
 * port), started once before the shared Spring context, which it configures as its single
 * sign-on provider. Named once, by {@link PushdeckTest}, so the one test context stays one:
 * no test class adds properties of its own.
 */
public final class TestOidcProvider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ISSUER_ID = "pushdeck-test";
    public static final String CLIENT_ID = "pushdeck-console";
    public static final String GROUPS_CLAIM = "groups";

    private static MockOAuth2Server server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-oidc-provider", Map.of(
                "pushdeck.oidc.issuer", server().issuerUrl(ISSUER_ID).toString(),
                "pushdeck.oidc.client-id", CLIENT_ID,
                "pushdeck.oidc.client-secret", "test-client-secret",
                "pushdeck.oidc.display-name", "Test IdP",
                "pushdeck.oidc.groups-claim", GROUPS_CLAIM)));
    }

    /** The provider, started on first use and stopped when the JVM ends. */
    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "test-oidc-provider-stop"));
        }
        return server;
    }

    /** The next sign-in at the provider authenticates {@code subject} with these ID-token claims. */
    public static void nextSignIn(String subject, Map<String, Object> claims) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID),
                claims, 3600));
    }
}
