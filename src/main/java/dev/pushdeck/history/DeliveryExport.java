package dev.pushdeck.history;

import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A CSV export of deliveries that has been allowed (role, team, 404s checked) and is ready to
 * stream; see {@link DeliveryExports}. Columns as {@code DeliveryLog.EXPORT_COLUMNS}, RFC 4180,
 * formula-safe.
 */
public interface DeliveryExport {

    /** The campaign's or app's name, e.g. for the file name. */
    String name();

    /**
     * Streams the deliveries the filter selects into {@code out} from a read-only transaction
     * (memory stays flat at any size), flushes it (does not close it), then records one audit
     * entry {@code deliveries.exported} in a transaction of its own. Call it on the thread that
     * prepared it: the entry names the principal signed in there.
     *
     * @return the number of delivery rows written (the header not counted)
     * @throws UncheckedIOException writing failed half way (e.g. the client went away); the
     *                              audit entry is written all the same and says so
     */
    long writeTo(Writer out);
}
