package dev.pushdeck.app;

import java.time.Instant;
import java.util.UUID;

/**
 * A credential in use that expires within 30 days or has expired, for admins' banners.
 *
 * @param daysLeft whole days until {@code notAfter} (0 on the last day; negative once expired)
 */
public record ExpiringCredential(UUID appId, String appName, UUID credentialId, EnvironmentCoverage environment,
                                 Instant notAfter, long daysLeft, boolean expired) {
}
