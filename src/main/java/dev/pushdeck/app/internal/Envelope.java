package dev.pushdeck.app.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of credential secrets: AES-256-GCM under a fresh random data key per
 * row, and the data key AES-256-GCM-wrapped by the {@link MasterKey}. Both ciphertexts carry
 * the tenant id and row id as associated data, so a ciphertext copied into another row or
 * team does not decrypt. Stored form of each: 12-byte nonce followed by ciphertext and tag.
 * Stateless and thread-safe.
 */
public final class Envelope {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelope() {
    }

    /** A sealed secret: what goes into the row. */
    public record Sealed(byte[] ciphertext, byte[] wrappedDataKey, String masterKeyId) {
    }

    /** Decryption failed: wrong master key, or the row's bytes were altered or moved. */
    public static class OpenFailed extends Exception {
        OpenFailed(Throwable cause) {
            super("The credential could not be decrypted with the configured master key", cause);
        }
    }

    public static Sealed seal(MasterKey master, UUID tenantId, UUID rowId, byte[] plaintext) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        try {
            SecretKey key = new SecretKeySpec(dataKey, "AES");
            byte[] ciphertext = encrypt(key, plaintext, aad(tenantId, rowId, "data"));
            byte[] wrapped = encrypt(master.secretKey(), dataKey, aad(tenantId, rowId, "key"));
            return new Sealed(ciphertext, wrapped, master.id());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public static byte[] open(MasterKey master, UUID tenantId, UUID rowId, byte[] ciphertext, byte[] wrappedDataKey)
            throws OpenFailed {
        byte[] dataKey = decrypt(master.secretKey(), wrappedDataKey, aad(tenantId, rowId, "key"));
        try {
            return decrypt(new SecretKeySpec(dataKey, "AES"), ciphertext, aad(tenantId, rowId, "data"));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Re-wraps a row's data key under a new master key; the secret itself is not touched. */
    public static byte[] rewrap(MasterKey from, MasterKey to, UUID tenantId, UUID rowId, byte[] wrappedDataKey)
            throws OpenFailed {
        byte[] aad = aad(tenantId, rowId, "key");
        byte[] dataKey = decrypt(from.secretKey(), wrappedDataKey, aad);
        try {
            return encrypt(to.secretKey(), dataKey, aad);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static byte[] aad(UUID tenantId, UUID rowId, String part) {
        return ("pushdeck/credential/v1/" + tenantId + "/" + rowId + "/" + part).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] stored, byte[] aad) throws OpenFailed {
        try {
            if (stored.length <= NONCE_BYTES) {
                throw new GeneralSecurityException("ciphertext too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new OpenFailed(e);
        }
    }
}
