package dev.pushdeck.device.api;

import dev.pushdeck.device.DeviceExport;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.device.Environment;
import dev.pushdeck.device.ImportFailedException;
import dev.pushdeck.device.ImportReport;
import dev.pushdeck.shared.Messages;
import dev.pushdeck.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An app's devices for team API tokens: {@code /api/v1/apps/{appId}/devices}. */
@RestController
@RequestMapping("/api/v1/apps/{appId}/devices")
@Tag(name = "Devices")
class DevicesController {

    private final DeviceService devices;
    private final DeviceImportService imports;

    DevicesController(DeviceService devices, DeviceImportService imports) {
        this.devices = devices;
        this.imports = imports;
    }

    @GetMapping
    @Operation(summary = "List devices; q matches a token prefix or an alias prefix; total is not counted")
    Page<DeviceJson> list(@PathVariable UUID appId, @RequestParam(required = false) String environment,
                          @RequestParam(required = false) String status, @RequestParam(required = false) String tag,
                          @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        DeviceFilter filter = new DeviceFilter(blank(environment) ? null : Environment.parse(environment),
                blank(status) ? null : DeviceStatus.parse(status), blank(tag) ? null : tag, blank(q) ? null : q,
                DeviceFilter.Order.TOKEN);
        return new Page<>(devices.list(appId, filter, (long) pageNo * pageSize, pageSize).stream()
                .map(DeviceJson::of).toList(), pageNo, pageSize, null);
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import devices from CSV (EDITOR): token,environment,tags,alias,locale,timezone")
    ImportReport importCsv(@PathVariable UUID appId, HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > imports.limits().maxBytes()) {
            throw new ImportFailedException(HttpStatus.PAYLOAD_TOO_LARGE, "device.import.too-large",
                    imports.limits().maxBytes() / (1024 * 1024));
        }
        return imports.importCsv(appId, request.getInputStream(), Messages.supported(request.getLocale()), null);
    }

    /**
     * Streams on the request thread, straight into the response: a StreamingResponseBody
     * would finish in an async re-dispatch, which the API's security chain does not
     * authenticate.
     */
    @GetMapping(path = "/export", produces = "text/csv")
    @Operation(summary = "Export devices as CSV, with their status; streamed")
    void export(@PathVariable UUID appId, HttpServletResponse response) throws IOException {
        DeviceExport export = devices.export(appId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(export.fileName()).build().toString());
        export.writeTo(response.getOutputStream());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
