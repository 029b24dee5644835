package dev.pushdeck.device;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A CSV export that has been allowed and audited, ready to stream. The columns are
 * {@code token,environment,tags,alias,locale,timezone,status}; cells are formula-safe.
 * {@link #writeTo} reads the devices page by page (constant memory, no long
 * transaction), may run on any thread, and needs no signed-in principal.
 */
public interface DeviceExport {

    /** A file name such as {@code devices-MyApp-2026-12-01.csv}. */
    String fileName();

    /** Writes the whole file to {@code out} (UTF-8) and flushes it; does not close it. */
    void writeTo(OutputStream out) throws IOException;
}
