package dev.pushdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PushdeckTest
class FormLoginTest {

    @LocalServerPort
    int port;
    @Autowired
    TestTeams teams;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void signingInRenewsTheSessionIdSoAPlantedSessionIsWorthless() throws Exception {
        TestTeams.Fixture team = teams.create("fixation");
        get("/login");
        String before = sessionId();

        HttpResponse<String> answer = postLogin(team.viewer().email(), TestTeams.PASSWORD);

        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).doesNotContain("error"));
        assertThat(sessionId()).isNotNull().isNotEqualTo(before);
    }

    @Test
    void aWrongPasswordReturnsToTheLoginPageWithTheGenericError() throws Exception {
        TestTeams.Fixture team = teams.create("wrong");

        HttpResponse<String> answer = postLogin(team.viewer().email(), "not-the-password");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
    }

    @Test
    void aSignedOutVisitorIsSentToTheLoginPage() throws Exception {
        HttpResponse<String> answer = get("/team/members");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postLogin(String email, String password) throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
