package dev.pushdeck.device;

import dev.pushdeck.shared.i18n.Messages;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a CSV import. Its reasons are message keys, put in words by whoever shows
 * the report, in the reader's language.
 *
 * @param imported      devices that were new
 * @param updated       existing devices whose fields changed (an identical row changes nothing and is not counted)
 * @param rejected      rows refused, each with a reason (the first ones are in {@code errors})
 * @param errors        the first rejected rows by line number
 * @param stoppedReason why the import stopped before the end of the file (rows before it are stored), or null
 */
public record ImportReport(long imported, long updated, long rejected, List<LineError> errors,
                           @Nullable Reason stoppedReason) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    /** A message key of the device bundle with its arguments. */
    public record Reason(String key, Object... args) {

        public String message(Locale locale) {
            return Messages.get(locale, key, args);
        }
    }

    /**
     * One refused row: the line it starts on (the header is line 1), the column at fault
     * (null when the row itself could not be read) and why.
     */
    public record LineError(long line, @Nullable String column, Reason reason) {

        /** The reason in words, after the column's name when there is one. */
        public String message(Locale locale) {
            String words = reason.message(locale);
            return column == null ? words : column + ": " + words;
        }
    }
}
