package dev.pushdeck.app.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The plaintext that gets encrypted for a credential: the file exactly as uploaded and its
 * passphrase, so the credential can be read again the same way it was validated.
 * {@code toString()} shows neither.
 */
public record SecretPayload(byte[] file, @Nullable String passphrase) {

    private static final int VERSION = 1;

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(file.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(file.length);
            out.write(file);
            byte[] secret = passphrase == null ? new byte[0] : passphrase.getBytes(StandardCharsets.UTF_8);
            out.writeBoolean(passphrase != null);
            out.writeInt(secret.length);
            out.write(secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SecretPayload decode(byte[] plaintext) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plaintext))) {
            if (in.readByte() != VERSION) {
                throw new IllegalStateException("Unknown credential payload version");
            }
            byte[] file = in.readNBytes(in.readInt());
            boolean hasPassphrase = in.readBoolean();
            byte[] secret = in.readNBytes(in.readInt());
            return new SecretPayload(file, hasPassphrase ? new String(secret, StandardCharsets.UTF_8) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "SecretPayload[" + file.length + " bytes]";
    }
}
