package dev.pushdeck.audit;

import java.io.IOException;
import java.io.Writer;

/**
 * A CSV export of the audit log that was allowed when it was made (role, team, filter) and
 * streams when written, on the calling thread. Writing it records one {@code audit.exported}
 * entry afterwards with the row count, also when the stream breaks off.
 */
public interface AuditExport {

    String fileName();

    void writeTo(Writer out) throws IOException;
}
