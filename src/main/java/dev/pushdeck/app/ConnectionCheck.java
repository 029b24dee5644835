package dev.pushdeck.app;

import dev.pushdeck.shared.i18n.Messages;
import java.util.List;
import java.util.Locale;

/**
 * What happened when a credential was tried against its APNs endpoint.
 *
 * @param result     the verdict
 * @param messageKey the explanation, a key into {@link Messages}
 * @param args       its arguments (the endpoint, Apple's reason, ...)
 */
public record ConnectionCheck(Result result, String messageKey, List<String> args) {

    public enum Result {
        /** TLS and authentication were accepted (the probe's bogus device token was refused, as intended). */
        ACCEPTED,
        /** The endpoint refused the certificate or token. */
        REJECTED,
        /** No connection could be made (name, network, timeout). */
        UNREACHABLE
    }

    public ConnectionCheck {
        args = List.copyOf(args);
    }

    public String message(Locale locale) {
        return Messages.get(locale, messageKey, args.toArray());
    }
}
