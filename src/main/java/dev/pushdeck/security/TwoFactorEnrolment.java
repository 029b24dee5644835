package dev.pushdeck.security;

/**
 * A second factor being set up: the secret for an authenticator app, as text and as the
 * {@code otpauth://} URI a QR code carries. Shown to its owner only, until confirmed.
 */
public record TwoFactorEnrolment(String secret, String uri) {

    @Override
    public String toString() {
        return "TwoFactorEnrolment[…]";
    }
}
