package dev.pushdeck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * One browser's cookie jar against the running console: signs in through the real login
 * form and asks whether a page still opens signed in.
 */
public final class WebSession {

    private final int port;
    private String lastRedirect;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebSession(int port) {
        this.port = port;
    }

    /** Posts the login form; true when the console let the person in. */
    public boolean signIn(String email, String password) {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        lastRedirect = answer.headers().firstValue("Location").orElse(null);
        return answer.statusCode() == 302 && answer.headers().firstValue("Location")
                .filter(location -> !location.contains("error")).isPresent();
    }

    /** Where the last sign-in sent the browser. */
    public String lastRedirect() {
        return lastRedirect;
    }

    /** Opens a page; answers where it redirects to, or null when it opened. */
    public String open(String path) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).GET().build());
        return answer.statusCode() == 302 ? answer.headers().firstValue("Location").orElse("") : null;
    }

    /** Whether a signed-in page opens (rather than sending this browser to the login page). */
    public boolean isSignedIn() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/account")).GET().build());
        return answer.statusCode() == 200;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
