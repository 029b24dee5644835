package dev.pushdeck.mail;

import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where people reach this console ({@code PUSHDECK_PUBLIC_URL}), for links in mails and the
 * links admins pass on. Unset, links take the address of the request that makes them (right
 * behind a proxy once {@code SERVER_FORWARD_HEADERS_STRATEGY=native} is set); jobs without a
 * request then have no link to give. Thread-safe.
 */
@Component
public class PublicUrl {

    private final @Nullable String configured;

    PublicUrl(@Value("${pushdeck.public-url:}") String configured) {
        this.configured = configured.isBlank() ? null : check(configured.trim());
    }

    /** An absolute link to {@code path} (e.g. {@code invitation/pdi_...}), when a base is known. */
    public Optional<String> link(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (configured != null) {
            return Optional.of(configured + "/" + relative);
        }
        if (RequestContextHolder.getRequestAttributes() == null) {
            return Optional.empty();
        }
        return Optional.of(ServletUriComponentsBuilder.fromCurrentContextPath().path("/" + relative).toUriString());
    }

    private static String check(String url) {
        URI uri = URI.create(url);
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("PUSHDECK_PUBLIC_URL must be an absolute http(s) URL, like "
                    + "https://pushdeck.example.com");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
