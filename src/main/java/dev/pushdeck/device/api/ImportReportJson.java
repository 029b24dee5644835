package dev.pushdeck.device.api;

import dev.pushdeck.device.ImportReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** An import's report as the API answers it: its reasons in the words of the request's language. */
@Schema(name = "ImportReport")
record ImportReportJson(long imported, long updated, long rejected, List<LineErrorJson> errors,
                        @Nullable String stoppedReason) {

    @Schema(name = "LineError")
    record LineErrorJson(long line, String message) {
    }

    static ImportReportJson of(ImportReport report, Locale locale) {
        return new ImportReportJson(report.imported(), report.updated(), report.rejected(),
                report.errors().stream().map(error -> new LineErrorJson(error.line(), error.message(locale))).toList(),
                report.stoppedReason() == null ? null : report.stoppedReason().message(locale));
    }
}
