package dev.pushdeck.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Checks app keys ({@code pdk_...}) for the API filter. Implemented by the app module,
 * which owns app keys; security only asks. Thread-safe.
 */
public interface AppKeyVerifier {

    String KIND = "pdk_";

    /** The key's identity when {@code bearer} is a live app key, else empty. */
    Optional<AppKeyIdentity> verify(String bearer);

    /** A verified app key: it acts in {@code teamId} and only for {@code appId}. */
    record AppKeyIdentity(UUID keyId, UUID teamId, UUID appId, String name) {
    }
}
