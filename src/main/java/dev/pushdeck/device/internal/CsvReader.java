package dev.pushdeck.device.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes (which
 * may hold commas, doubled quotes and line breaks), records ended by CRLF, LF or CR, an
 * optional byte-order mark at the start. Holds one record at a time, so memory stays
 * bounded by {@code maxRecordChars} whatever the input. A broken record is returned with its
 * {@link Problem} and reading goes on with the next one, which is why the import does not use a
 * library reader (docs/decisions/043-our-own-csv-reader.md). Not thread-safe.
 */
public final class CsvReader {

    /** What is wrong with a record that could not be read as fields. */
    public enum Problem { TOO_LONG, BAD_QUOTE, UNTERMINATED_QUOTE, NUL }

    /**
     * One record.
     *
     * @param line    the physical line it starts on (1-based)
     * @param fields  its fields, or empty when {@code problem} is set
     * @param problem why it could not be read, or null
     */
    public record Record(long line, List<String> fields, @Nullable Problem problem) {

        /** A line with nothing on it. */
        public boolean blank() {
            return problem == null && fields.size() == 1 && fields.get(0).isEmpty();
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private boolean started;
    private int pushedBack = Integer.MIN_VALUE;

    public CsvReader(Reader in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or null at the end of the input. */
    public @Nullable Record next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        if (peek() == EOF) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int chars = 0;
        @Nullable Problem problem = null;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (c == EOF) {
                if (quoted && problem == null) {
                    problem = Problem.UNTERMINATED_QUOTE;
                }
                break;
            }
            if (++chars > maxRecordChars && problem == null) {
                problem = Problem.TOO_LONG;
                field.setLength(0);
            }
            if (c == 0 && problem == null) {
                problem = Problem.NUL;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append(field, '"', problem);
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    countLine(c);
                    append(field, (char) c, problem);
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                afterQuote = false;
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            if (afterQuote || c == '"') {
                if (problem == null) {
                    problem = Problem.BAD_QUOTE;
                }
            }
            fieldStart = false;
            append(field, (char) c, problem);
        }
        if (problem != null) {
            return new Record(startLine, List.of(), problem);
        }
        fields.add(field.toString());
        return new Record(startLine, fields, null);
    }

    private static void append(StringBuilder field, char c, @Nullable Problem problem) {
        if (problem == null) {
            field.append(c);
        }
    }

    /** Line breaks inside quotes still move the physical line count. */
    private void countLine(int c) throws IOException {
        if (c == '\n') {
            line++;
        } else if (c == '\r') {
            if (peek() != '\n') {
                line++;
            }
        }
    }

    private int peek() throws IOException {
        if (pushedBack == Integer.MIN_VALUE) {
            pushedBack = readRaw();
        }
        return pushedBack;
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        return readRaw();
    }

    private int readRaw() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        return buffer[position++];
    }
}
