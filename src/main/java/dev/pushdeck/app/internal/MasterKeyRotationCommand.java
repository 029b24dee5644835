package dev.pushdeck.app.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The master-key rotation command: started with {@code --pushdeck.rotate-master-key=NEWKEYFILE}
 * (a file holding base64 of 32 random bytes), the application re-wraps every data key
 * under the new key, reports, and exits instead of serving. See
 * docs/decisions/005-credentials-encrypted-under-a-master-key.md.
 */
@Component
@Order(0)
class MasterKeyRotationCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotationCommand.class);

    private final Environment environment;
    private final MasterKeyRotation rotation;
    private final ConfigurableApplicationContext context;

    MasterKeyRotationCommand(Environment environment, MasterKeyRotation rotation,
                             ConfigurableApplicationContext context) {
        this.environment = environment;
        this.rotation = rotation;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        String file = environment.getProperty("pushdeck.rotate-master-key");
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file.trim());
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("pushdeck.rotate-master-key: " + path + " does not exist. Create it with"
                    + " 'openssl rand -base64 32 > " + path + "' and 'chmod 600 " + path + "'.");
        }
        MasterKeyRotation.Rotated rotated = rotation.rotateTo(MasterKeySource.read(path));
        log.warn("Master key rotated: {} credential(s) and {} vault secret(s) re-wrapped. {}", rotated.credentials(),
                rotated.vaultSecrets(), rotated.keyFileUpdated()
                ? "The key file now holds the new key (the old one is kept beside it as .previous)."
                : "Set PUSHDECK_MASTER_KEY to the contents of " + path + " before the next start.");
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
