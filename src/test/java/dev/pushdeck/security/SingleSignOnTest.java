package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestOidcProvider;
import dev.pushdeck.TestTeams;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.memberships.MembershipDirectory;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.Invitation;
import dev.pushdeck.tenancy.InvitationService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sign-in through a real OpenID Connect provider (TestOidcProvider), as a browser does it:
 * the console sends the browser to the provider, the provider back with a code, the
 * console redeems it and checks the ID token.
 */
@PushdeckTest
class SingleSignOnTest {

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;
    @Autowired
    UserService users;
    @Autowired
    MembershipDirectory memberships;
    @Autowired
    AuditLog audit;
    @Autowired
    InvitationService invitations;
    @Autowired
    AccountSessions sessions;

    Browser browser;

    @BeforeEach
    void freshBrowser() {
        browser = new Browser();
    }

    @Test
    void aMemberWithAVerifiedEmailIsSignedInToTheirTeamWhateverTheCaseOfTheEmail() {
        TestTeams.Fixture team = teams.create("sso-member");

        String landing = browser.signIn(claims(team.editor().email().toUpperCase(), true));

        assertThat(landing).endsWith("/");
        assertThat(browser.get("/").statusCode()).as("the console opens, not the login page").isEqualTo(200);
        assertThat(auditOf(team)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("login.sso");
            assertThat(entry.actor()).isEqualTo(team.editor().email());
        });
    }

    @Test
    void anEmailTheProviderDoesNotVouchForLetsNobodyInEvenForAKnownAccount() {
        TestTeams.Fixture team = teams.create("sso-unverified");

        String landing = browser.signIn(claims(team.owner().email(), false));

        assertThat(landing).endsWith("/sso/no-access?reason=email_unverified");
        assertThat(browser.get("/").statusCode()).as("still signed out").isEqualTo(302);
        assertThat(auditOf(team)).anySatisfy(entry -> assertThat(entry.action()).isEqualTo("login.sso-refused"));
    }

    @Test
    void aStrangerGetsTheNoAccessPageAndNoAccount() {
        String email = "stranger-" + UUID.randomUUID() + "@elsewhere.example";

        String landing = browser.signIn(claims(email, true));

        assertThat(landing).endsWith("/sso/no-access?reason=no_access");
        assertThat(users.findByEmail(email)).isEmpty();
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void aGroupNamingATeamBySlugGivesANewPersonAnAccountAndThatRole() {
        TestTeams.Fixture team = teams.create("sso-group");
        String email = "newcomer-" + UUID.randomUUID() + "@company.example";
        Map<String, Object> claims = claims(email, true);
        claims.put(TestOidcProvider.GROUPS_CLAIM, List.of("engineering", "pushdeck:" + slug(team) + ":editor",
                "pushdeck:no-such-team:admin"));

        String landing = browser.signIn(claims);

        assertThat(landing).endsWith("/");
        UserAccount created = users.findByEmail(email).orElseThrow();
        assertThat(memberships.roleOf(created.id(), team.teamId())).contains(Role.EDITOR);
        assertThat(auditOf(team)).anySatisfy(entry -> assertThat(entry.action()).isEqualTo("member.sso-granted"));
    }

    @Test
    void groupsRaiseARoleByTeamIdButNeverLowerOne() {
        TestTeams.Fixture team = teams.create("sso-raise");
        Map<String, Object> viewer = claims(team.viewer().email(), true);
        viewer.put(TestOidcProvider.GROUPS_CLAIM, List.of("pushdeck:" + team.teamId() + ":ADMIN"));
        Map<String, Object> owner = claims(team.owner().email(), true);
        owner.put(TestOidcProvider.GROUPS_CLAIM, List.of("pushdeck:" + team.teamId() + ":viewer"));

        browser.signIn(viewer);
        new Browser().signIn(owner);

        assertThat(memberships.roleOf(team.viewer().id(), team.teamId())).contains(Role.ADMIN);
        assertThat(memberships.roleOf(team.owner().id(), team.teamId())).contains(Role.OWNER);
    }

    @Test
    void anInvitedPersonWithoutAnAccountSignsInWithTheInvitedEmailAndJoinsWithTheInvitedRole() {
        TestTeams.Fixture team = teams.create("sso-invited");
        String email = "invitee-" + UUID.randomUUID() + "@company.example";
        CreatedInvitation invitation = TestSecurity.as(team.as(Role.ADMIN),
                () -> invitations.invite(email, Role.EDITOR));

        String landing = browser.signIn(claims(email, true));

        assertThat(landing).endsWith("/");
        assertThat(browser.get("/").statusCode()).as("the console opens").isEqualTo(200);
        UserAccount created = users.findByEmail(email).orElseThrow();
        assertThat(memberships.roleOf(created.id(), team.teamId())).contains(Role.EDITOR);
        assertThat(pendingIn(team)).as("accepted, so no longer open").doesNotContain(email);
        assertThat(invitations.open(invitation.token())).as("the link is spent").isEmpty();
        assertThat(auditOf(team)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("invitation.accepted");
            assertThat(entry.actor()).isEqualTo(email);
            assertThat(entry.target()).contains("single sign-on");
        });
    }

    @Test
    void anInvitationLetsNobodyInForAnUnverifiedEmailOrAfterItWasRevoked() {
        TestTeams.Fixture team = teams.create("sso-invitation-refused");
        String unverified = "unverified-" + UUID.randomUUID() + "@company.example";
        String revoked = "revoked-" + UUID.randomUUID() + "@company.example";
        TestSecurity.as(team.as(Role.ADMIN), () -> invitations.invite(unverified, Role.VIEWER));
        UUID withdrawn = TestSecurity.as(team.as(Role.ADMIN), () -> invitations.invite(revoked, Role.VIEWER))
                .invitation().id();
        TestSecurity.as(team.as(Role.ADMIN), () -> {
            invitations.revoke(withdrawn);
            return null;
        });

        assertThat(browser.signIn(claims(unverified, false))).endsWith("/sso/no-access?reason=email_unverified");
        assertThat(new Browser().signIn(claims(revoked, true))).endsWith("/sso/no-access?reason=no_access");

        assertThat(users.findByEmail(unverified)).isEmpty();
        assertThat(users.findByEmail(revoked)).isEmpty();
        assertThat(pendingIn(team)).as("still waiting for its person").contains(unverified);
    }

    @Test
    void aSessionSignedInBySingleSignOnIsListedOnTheAccountPageAndEndsFromThere() {
        TestTeams.Fixture team = teams.create("sso-session");
        browser.signIn(claims(team.viewer().email(), true));
        team.signIn(Role.VIEWER);
        try {
            List<OpenSession> open = sessions.mine();
            assertThat(open).hasSize(1);

            sessions.end(open.get(0).id());
        } finally {
            TestSecurity.signOut();
        }

        assertThat(browser.get("/account").statusCode()).as("sent to sign in again").isEqualTo(302);
    }

    private List<String> pendingIn(TestTeams.Fixture team) {
        return TestSecurity.as(team.as(Role.ADMIN), () -> invitations.pending()).stream().map(Invitation::email)
                .toList();
    }

    private static String slug(TestTeams.Fixture team) {
        return team.name().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static Map<String, Object> claims(String email, boolean verified) {
        return new java.util.HashMap<>(Map.of("email", email, "email_verified", verified, "name", "Someone"));
    }

    private List<AuditEntry> auditOf(TestTeams.Fixture team) {
        return TestSecurity.as(team.as(Role.OWNER), () -> audit.search(AuditFilter.none(), 0, 100));
    }

    /** A browser: keeps cookies, follows redirects itself so each hop can be seen. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** Goes through the provider with these claims; answers where the console finally sends the browser. */
        String signIn(Map<String, Object> claims) {
            TestOidcProvider.nextSignIn("subject-" + UUID.randomUUID(), claims);
            HttpResponse<String> toProvider = get("/oauth2/authorization/pushdeck");
            assertThat(toProvider.statusCode()).isEqualTo(302);
            HttpResponse<String> backWithCode = fetch(location(toProvider));
            assertThat(backWithCode.statusCode()).isEqualTo(302);
            HttpResponse<String> landed = fetch(location(backWithCode));
            assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
            return location(landed);
        }

        HttpResponse<String> get(String path) {
            return fetch("http://localhost:" + port + path);
        }

        private HttpResponse<String> fetch(String url) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private String location(HttpResponse<String> response) {
            String location = response.headers().firstValue("Location").orElseThrow();
            return location.startsWith("/") ? "http://localhost:" + port + location : location;
        }
    }
}
