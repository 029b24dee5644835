package dev.pushdeck.app;

import java.util.UUID;

/** An app's registration limits were changed; published inside the transaction that changed them. */
public record AppRegistrationRatesChanged(UUID appId) {
}
