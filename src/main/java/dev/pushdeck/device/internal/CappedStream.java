package dev.pushdeck.device.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes and hands out at most {@code max} of them; asked for more when more exist,
 * it fails with {@link TooLarge}, so every row within the cap is still read and imported.
 * Leaves the underlying stream open (the caller owns it). Read by one thread; the count may
 * be read from any.
 */
final class CappedStream extends FilterInputStream {

    /** The input goes on past the cap. */
    static final class TooLarge extends IOException {
    }

    private final long max;
    private volatile long count;

    CappedStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** Bytes handed out so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (count >= max) {
            if (super.read() < 0) {
                return -1;
            }
            throw new TooLarge();
        }
        int n = super.read(buffer, offset, (int) Math.min(length, max - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    /** Never promises bytes past the cap, so a decoder reading ahead stops there first. */
    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), Math.max(0, max - count));
    }

    @Override
    public void close() {
        // The caller owns the stream.
    }
}
