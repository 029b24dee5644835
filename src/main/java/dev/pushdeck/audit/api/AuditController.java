package dev.pushdeck.audit.api;

import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditExport;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.audit.AuditPosition;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.web.Cursor;
import dev.pushdeck.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The team's audit log for ADMIN tokens, with the console's filters (action, actor, time
 * range): a newest-first list with a cursor, the action names that occur, and a CSV export
 * that is itself audited.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The team's audit log, newest first (ADMIN): action (exact), actor (part, any case), from "
            + "(inclusive) and to (exclusive) as ISO instants; total is not counted; continue with after=<next>")
    Page<AuditEntry> list(@RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String actor,
                          @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                          @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size,
                          @Parameter(description = "the next cursor of the previous page")
                          @RequestParam(required = false) @Nullable String after) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        List<AuditEntry> items = audit.search(filter(action, actor, from, to), position(after),
                Page.offset(pageNo, pageSize), pageSize);
        return Page.withCursor(items, pageNo, pageSize, null, entry -> Cursor.encode(entry.occurredAt(), entry.id()));
    }

    @GetMapping("/actions")
    @Operation(summary = "The action names that occur in the team's log, for the action filter (ADMIN)")
    List<String> actions() {
        return audit.actions();
    }

    /** Streams on the request thread, where the principal is known, as the other exports do. */
    @GetMapping(path = "/export", produces = "text/csv")
    @ApiResponse(responseCode = "200", description = "CSV, streamed", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    @Operation(summary = "The log as CSV with the list's filters (ADMIN), streamed; the export itself is recorded as "
            + "audit.exported with its row count")
    void export(@RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String actor,
                @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
                HttpServletResponse response) throws IOException {
        AuditExport export = audit.export(filter(action, actor, from, to));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(export.fileName()).build().toString());
        export.writeTo(new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                64 * 1024));
    }

    private static AuditFilter filter(@Nullable String action, @Nullable String actor, @Nullable String from,
                                      @Nullable String to) {
        return new AuditFilter(action, actor, instant(from, "from"), instant(to, "to"));
    }

    private static @Nullable Instant instant(@Nullable String text, String field) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "error.instant.invalid");
        }
    }

    private static @Nullable AuditPosition position(@Nullable String after) {
        return Cursor.read(after, 2, parts -> new AuditPosition(Instant.parse(parts.get(0)),
                Long.parseLong(parts.get(1))));
    }
}
