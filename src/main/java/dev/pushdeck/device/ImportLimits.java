package dev.pushdeck.device;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Caps of one CSV import ({@code PUSHDECK_DEVICES_IMPORT_*}).
 *
 * @param maxBytes       largest file read; past it the import stops (or fails with 413 before its header)
 * @param maxRows        data rows imported at most; past them the import stops with a reason
 * @param chunkSize      rows written per chunk, each chunk its own transaction
 * @param maxErrors      rejected rows listed in the report (all are counted)
 * @param maxRecordChars characters one record may hold ({@code max-line-chars}; a quoted field may span lines)
 * @param writers        chunks written at once, each on its own connection (at least one)
 */
@ConfigurationProperties("pushdeck.devices.import")
public record ImportLimits(@DefaultValue("536870912") long maxBytes,
                           @DefaultValue("2000000") long maxRows,
                           @DefaultValue("5000") int chunkSize,
                           @DefaultValue("100") int maxErrors,
                           @Name("max-line-chars") @DefaultValue("65536") int maxRecordChars,
                           @DefaultValue("2") int writers) {

    public ImportLimits {
        writers = Math.max(1, writers);
    }

    /** {@link #maxBytes} in whole megabytes, as messages name it. */
    public long maxMegabytes() {
        return maxBytes / (1024 * 1024);
    }
}
