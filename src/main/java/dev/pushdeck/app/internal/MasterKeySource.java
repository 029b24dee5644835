package dev.pushdeck.app.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Finds the master key, in this order:
 * <ol>
 *   <li>{@code pushdeck.master-key} or the environment variable {@code PUSHDECK_MASTER_KEY}
 *       (base64 of 32 random bytes);</li>
 *   <li>the key file {@code pushdeck.master-key-file} (default: {@code master.key} beside the
 *       embedded data directory, e.g. {@code ./data/master.key});</li>
 *   <li>in embedded persistent mode only, a newly generated key written to that file with
 *       owner-only (0600) permissions.</li>
 * </ol>
 * Without any of these there is no key: uploads are refused and start-up fails if
 * encrypted credentials exist. Thread-safe; the key is held only in memory.
 */
@Component
public class MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final AtomicReference<MasterKey> current = new AtomicReference<>();
    private final Path keyFile;
    private final boolean fromFile;

    MasterKeySource(Environment environment) {
        String inline = firstNonBlank(environment.getProperty("pushdeck.master-key"),
                environment.getProperty("PUSHDECK_MASTER_KEY"));
        this.keyFile = keyFile(environment);
        if (inline != null) {
            MasterKey configured = MasterKey.fromBase64(inline);
            current.set(configured);
            fromFile = false;
            log.info("Using the master key from configuration (id {})", configured.id());
        } else if (Files.isRegularFile(keyFile)) {
            MasterKey stored = read(keyFile);
            current.set(stored);
            fromFile = true;
            log.info("Using the master key in {} (id {})", keyFile, stored.id());
        } else if (embeddedPersistent(environment)) {
            MasterKey generated = MasterKey.generate();
            write(keyFile, generated);
            current.set(generated);
            fromFile = true;
            log.info("Generated a master key in {} (id {}); back it up with the data directory, apart from it",
                    keyFile, generated.id());
        } else {
            fromFile = false;
            log.warn("No master key: set PUSHDECK_MASTER_KEY (base64 of 32 random bytes) to store APNs credentials");
        }
    }

    /** The master key, if one is configured. */
    public Optional<MasterKey> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Switches to {@code next} after a rotation. When the key came from the key file, the
     * file is replaced (the old key kept beside it as {@code .previous}); otherwise the
     * operator must update {@code PUSHDECK_MASTER_KEY} before the next start.
     *
     * @return true when the key file was updated
     */
    public boolean replace(MasterKey next) {
        current.set(next);
        if (!fromFile) {
            return false;
        }
        try {
            Files.copy(keyFile, keyFile.resolveSibling(keyFile.getFileName() + ".previous"),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the previous master key beside " + keyFile, e);
        }
        write(keyFile, next);
        return true;
    }

    public Path keyFile() {
        return keyFile;
    }

    /** Reads a key file: base64 of 32 bytes, surrounding white space ignored. */
    public static MasterKey read(Path file) {
        try {
            return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the master key file " + file, e);
        }
    }

    static void write(Path file, MasterKey key) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "master", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(temp, key.toBase64() + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the master key file " + file, e);
        }
    }

    private static Path keyFile(Environment environment) {
        String configured = environment.getProperty("pushdeck.master-key-file");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath().normalize();
        }
        Path dataDir = Path.of(environment.getProperty("pushdeck.embedded.data-dir", "./data/postgres"))
                .toAbsolutePath().normalize();
        return dataDir.resolveSibling("master.key");
    }

    private static boolean embeddedPersistent(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").isBlank()
                && environment.getProperty("pushdeck.embedded.persistent", Boolean.class, true);
    }

    private static @Nullable String firstNonBlank(@Nullable String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
