package dev.pushdeck.app;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What an admin uploads: the file as given, its passphrase (if any), the environment
 * ({@code sandbox}, {@code production}, or {@code both} for a .p8) and, for a .p8, its
 * Key ID and Team ID. {@link #toString()} never shows the file or the passphrase.
 *
 * @param confirmTopicMismatch the admin has seen that the certificate's topics do not
 *                             include the app's bundle id and wants it anyway
 */
public record CredentialUpload(byte[] file, @Nullable String passphrase, @Nullable String environment,
                               @Nullable String keyId, @Nullable String teamId, boolean confirmTopicMismatch) {

    /** Uploads larger than this are refused before anything is parsed. */
    public static final int MAX_BYTES = 64 * 1024;

    public CredentialUpload {
        file = file == null ? new byte[0] : file.clone();
    }

    @Override
    public byte[] file() {
        return file.clone();
    }

    public CredentialUpload confirmed() {
        return new CredentialUpload(file, passphrase, environment, keyId, teamId, true);
    }

    /** The same upload for another environment. */
    public CredentialUpload inEnvironment(String newEnvironment) {
        return new CredentialUpload(file, passphrase, newEnvironment, keyId, teamId, confirmTopicMismatch);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CredentialUpload that && Arrays.equals(file, that.file)
                && java.util.Objects.equals(passphrase, that.passphrase)
                && java.util.Objects.equals(environment, that.environment)
                && java.util.Objects.equals(keyId, that.keyId) && java.util.Objects.equals(teamId, that.teamId)
                && confirmTopicMismatch == that.confirmTopicMismatch;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(file);
    }

    @Override
    public String toString() {
        return "CredentialUpload[" + file.length + " bytes, environment=" + environment + ", keyId=" + keyId
                + ", teamId=" + teamId + "]";
    }
}
