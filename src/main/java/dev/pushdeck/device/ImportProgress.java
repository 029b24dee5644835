package dev.pushdeck.device;

/**
 * How far a running import has come, reported after each committed chunk.
 *
 * @param bytesRead bytes of the file consumed so far (compare with the file size for a fraction)
 * @param rowsRead  data rows read so far (the header and blank lines not counted)
 */
public record ImportProgress(long bytesRead, long rowsRead, long imported, long updated, long rejected) {
}
