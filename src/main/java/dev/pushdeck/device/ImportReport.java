package dev.pushdeck.device;

import java.util.List;

/**
 * The outcome of a CSV import.
 *
 * @param imported      devices that were new
 * @param updated       existing devices whose fields changed (an identical row changes nothing and is not counted)
 * @param rejected      rows refused, each with a reason (the first ones are in {@code errors})
 * @param errors        the first rejected rows by line number
 * @param stoppedReason why the import stopped before the end of the file (rows before it are stored), or null
 */
public record ImportReport(long imported, long updated, long rejected, List<LineError> errors,
                           String stoppedReason) {

    /** One refused row: the line it starts on (the header is line 1) and the reason in words. */
    public record LineError(long line, String message) {
    }
}
