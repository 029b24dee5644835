package dev.pushdeck.app.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The instance's 256-bit master key, which wraps every credential's data key. It never
 * enters the database; {@link #id()} (a short hash) is stored to recognise which key
 * wrapped a row. {@code toString()} shows only the id.
 */
public final class MasterKey {

    public static final int BYTES = 32;

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("A master key is " + BYTES + " bytes (base64 of 32 random bytes), not "
                    + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.id = HexFormat.of().formatHex(sha256(bytes), 0, 8);
    }

    /** Parses base64 of 32 bytes, as in {@code PUSHDECK_MASTER_KEY} or a key file. */
    public static MasterKey fromBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A master key must be base64 (e.g. from 'openssl rand -base64 32')");
        }
        return new MasterKey(bytes);
    }

    public static MasterKey generate() {
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /** Base64 for writing a key file; only the key file writer calls this. */
    String toBase64() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    SecretKey secretKey() {
        return key;
    }

    /** The first 8 bytes of the key's SHA-256, hex: safe to store and show. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
