package dev.pushdeck.shared.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from Maven-shipped binaries when no {@code spring.datasource.url}
 * is configured, so {@code ./mvnw spring-boot:run} needs nothing but a JDK.
 *
 * <p>Persistent mode keeps data under {@code pushdeck.embedded.data-dir} with fsync and
 * synchronous commit on, and first stops a postmaster left running by a killed JVM.
 * Ephemeral mode (tests) uses a throw-away directory with durability off for speed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", properties.sharedBuffers());
        if (!properties.preloadLibraries().isBlank()) {
            builder.setServerConfig("shared_preload_libraries", properties.preloadLibraries());
        }
        if (properties.persistent()) {
            Path dataDir = properties.dataDir().toAbsolutePath().normalize();
            Files.createDirectories(dataDir.getParent());
            StalePostmaster.stopIfRunning(dataDir);
            builder.setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (properties.port() > 0) {
                builder.setPort(properties.port());
            }
            log.info("Starting embedded PostgreSQL with data in {}", dataDir);
        }
        return builder.start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        var hikari = new HikariDataSource();
        hikari.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        hikari.setUsername("postgres");
        hikari.setMaximumPoolSize(properties.poolSize());
        hikari.setPoolName("pushdeck-embedded");
        return hikari;
    }
}
