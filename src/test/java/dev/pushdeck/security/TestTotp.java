package dev.pushdeck.security;

import dev.pushdeck.security.internal.Totp;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

/** What an authenticator app shows for a Base32 secret, computed independently of the service. */
public final class TestTotp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private TestTotp() {
    }

    /** The code of the current 30-second step. */
    public static String now(String base32) {
        return Totp.code(decode(base32), Totp.stepAt(Instant.now().getEpochSecond()));
    }

    /** The code of the next step: a code is accepted once, so a second use within a step needs this one. */
    public static String next(String base32) {
        return Totp.code(decode(base32), Totp.stepAt(Instant.now().getEpochSecond()) + 1);
    }

    static byte[] decode(String base32) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bytes.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return bytes.toByteArray();
    }
}
