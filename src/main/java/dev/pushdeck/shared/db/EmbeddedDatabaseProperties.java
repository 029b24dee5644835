package dev.pushdeck.shared.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL ({@code pushdeck.embedded.*}).
 *
 * @param persistent    keep data in {@code dataDir} across restarts (off in tests)
 * @param dataDir       the PostgreSQL data directory
 * @param port          fixed port, or 0 for any free port
 * @param poolSize      connection pool size
 * @param sharedBuffers PostgreSQL shared_buffers
 * @param preloadLibraries PostgreSQL shared_preload_libraries, empty for none (the benchmark loads
 *                         {@code pg_stat_statements} with it to show where the database's time goes)
 */
@ConfigurationProperties("pushdeck.embedded")
record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean persistent,
        @DefaultValue("./data/postgres") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("20") int poolSize,
        @DefaultValue("128MB") String sharedBuffers,
        @DefaultValue("") String preloadLibraries) {
}
