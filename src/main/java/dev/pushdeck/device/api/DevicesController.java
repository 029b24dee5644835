package dev.pushdeck.device.api;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceExport;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DevicePosition;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.device.ImportFailedException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.i18n.Messages;
import dev.pushdeck.shared.web.Cursor;
import dev.pushdeck.shared.web.Idempotent;
import dev.pushdeck.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An app's devices for team API tokens: {@code /api/v1/apps/{appId}/devices} for the list,
 * adding, bulk tag changes, import and export, and {@code /api/v1/devices/{deviceId}} for
 * one device. VIEWERs read; EDITORs change (checked by {@link DeviceService}).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Devices")
class DevicesController {

    private final DeviceService devices;
    private final DeviceImportService imports;

    DevicesController(DeviceService devices, DeviceImportService imports) {
        this.devices = devices;
        this.imports = imports;
    }

    @Schema(description = "A device to add. token: 64-200 hex characters, or the <740f4707 bebcf74f …> form")
    record NewDeviceJson(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String token,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"sandbox",
                                 "production"}) @Nullable String environment,
                         @Nullable List<String> tags, @Nullable String alias, @Nullable String locale,
                         @Nullable String timezone, @Nullable Boolean testDevice) {
    }

    @Schema(description = "Fields to change; an absent or null field stays as it is, an empty text or list clears it")
    record DeviceChangeJson(@Nullable List<String> tags, @Nullable String alias, @Nullable String locale,
                            @Nullable String timezone, @Nullable Boolean testDevice) {
    }

    @Schema(description = "Which devices (the list's filters; all of the app when absent) and the tags to add and "
            + "remove")
    record TagChangeJson(@Nullable DeviceFilterJson filter, @Nullable List<String> add, @Nullable List<String> remove) {
    }

    /** Named apart from the campaign audience's FilterJson, which would otherwise take its place in the contract. */
    @Schema(description = "Which devices: the list's filters, all of which must hold")
    record DeviceFilterJson(@Schema(allowableValues = {"sandbox", "production"}) @Nullable String environment,
                            @Schema(allowableValues = {"ACTIVE", "UNREGISTERED", "INVALID"}) @Nullable String status,
                            @Nullable String tag,
                            @Schema(description = "a token prefix or an alias prefix") @Nullable String q,
                            @Schema(description = VERSION) @Nullable String version,
                            @Schema(description = LAST_SEEN) @Nullable String lastSeen,
                            @Schema(description = PROPERTY) @Nullable List<String> property) {
    }

    private static final String VERSION = "app version: 2.1 (equals), before:2.1, after:2.1 or in:2.1,2.2";
    private static final String LAST_SEEN = "last registration: within:<days>, before:<instant> or after:<instant>";
    private static final String PROPERTY = "key:value, equals (repeatable); true/false are booleans, numbers are "
            + "numbers, \"5\" in quotes is text";

    @Schema(description = "overLimit: matching devices left unchanged because they would carry more than 50 tags")
    record TagChangeResultJson(long changed, long overLimit) {
    }

    @GetMapping("/apps/{appId}/devices")
    @Operation(summary = "List an app's devices (VIEWER); q matches a token or alias prefix; version, lastSeen and "
            + "property filter by what the app reports, all must hold; sorted by token (default), "
            + "alias or lastRegistered (newest first), desc reverses; total is not counted; in token order, continue "
            + "with after=<next>")
    Page<DeviceJson> list(@PathVariable UUID appId, @RequestParam(required = false) @Nullable String environment,
                          @RequestParam(required = false) @Nullable String status,
                          @RequestParam(required = false) @Nullable String tag,
                          @RequestParam(required = false) @Nullable String q,
                          @Parameter(description = VERSION) @RequestParam(required = false) @Nullable String version,
                          @Parameter(description = LAST_SEEN) @RequestParam(required = false) @Nullable String lastSeen,
                          @Parameter(description = PROPERTY) @RequestParam(required = false)
                          @Nullable List<String> property,
                          @Parameter(schema = @Schema(allowableValues = {"token", "alias", "lastRegistered"}))
                          @RequestParam(required = false) @Nullable String sort,
                          @RequestParam(defaultValue = "false") boolean desc,
                          @RequestParam(required = false) @Nullable Integer page,
                          @RequestParam(required = false) @Nullable Integer size,
                          @Parameter(description = "the next cursor of the previous page (token order only)")
                          @RequestParam(required = false) @Nullable String after) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        DeviceFilter filter = filter(new DeviceFilterJson(environment, status, tag, q, version, lastSeen, property), "")
                .ordered(order(sort), desc);
        if (after != null && (filter.order() != DeviceFilter.Order.TOKEN || desc)) {
            throw new ValidationException("after", "device.cursor.token-order");
        }
        if (filter.order() != DeviceFilter.Order.TOKEN || desc) {
            return new Page<>(devices.list(appId, filter, Page.offset(pageNo, pageSize), pageSize).stream()
                    .map(DeviceJson::of).toList(), pageNo, pageSize, null);
        }
        List<DeviceJson> items = devices.list(appId, filter, position(after), Page.offset(pageNo, pageSize), pageSize)
                .stream().map(DeviceJson::of).toList();
        return Page.withCursor(items, pageNo, pageSize, null,
                device -> Cursor.encode(device.token(), device.environment()));
    }

    @PostMapping(path = "/apps/{appId}/devices", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    @Operation(summary = "Add one device (EDITOR); 409 when the app already has the token in that environment")
    DeviceJson add(@PathVariable UUID appId, @RequestBody NewDeviceJson body) {
        Device device = devices.add(appId, body.environment(), body.token(),
                new DeviceFields(body.tags(), body.alias(), body.locale(), body.timezone()),
                Boolean.TRUE.equals(body.testDevice()));
        return DeviceJson.of(device);
    }

    @GetMapping("/devices/{deviceId}")
    @Operation(summary = "One device (VIEWER)")
    DeviceJson get(@PathVariable UUID deviceId) {
        return DeviceJson.of(devices.get(deviceId));
    }

    @PatchMapping(path = "/devices/{deviceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a device's tags, alias, locale, time zone or test flag (EDITOR); absent fields stay")
    DeviceJson update(@PathVariable UUID deviceId, @RequestBody DeviceChangeJson body) {
        return DeviceJson.of(devices.update(deviceId,
                new DeviceFields(body.tags(), body.alias(), body.locale(), body.timezone()), body.testDevice()));
    }

    @DeleteMapping("/devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a device for good (EDITOR)")
    void remove(@PathVariable UUID deviceId) {
        devices.remove(deviceId);
    }

    @PostMapping(path = "/apps/{appId}/devices/tags", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add and remove tags on every device matching a filter, in one statement (EDITOR)")
    TagChangeResultJson changeTags(@PathVariable UUID appId, @RequestBody TagChangeJson body) {
        DeviceService.TagChange change = devices.changeTags(appId,
                body.filter() == null ? DeviceFilter.ALL : filter(body.filter(), "filter."), body.add(), body.remove());
        return new TagChangeResultJson(change.changed(), change.overLimit());
    }

    @PostMapping(path = "/apps/{appId}/devices/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import devices from CSV (EDITOR): token,environment,tags,alias,locale,timezone; repeating "
            + "an import changes nothing, so it needs no Idempotency-Key",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string"))}))
    ImportReportJson importCsv(@PathVariable UUID appId, HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > imports.limits().maxBytes()) {
            throw new ImportFailedException(HttpStatus.PAYLOAD_TOO_LARGE, "device.import.too-large",
                    imports.limits().maxMegabytes());
        }
        return ImportReportJson.of(imports.importCsv(appId, request.getInputStream(), null),
                Messages.supported(request.getLocale()));
    }

    /**
     * Streams on the request thread, straight into the response: a StreamingResponseBody
     * would finish in an async re-dispatch, which the API's security chain does not
     * authenticate.
     */
    @GetMapping(path = "/apps/{appId}/devices/export", produces = "text/csv")
    @ApiResponse(responseCode = "200", description = "CSV, streamed", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    @Operation(summary = "Export devices as CSV, with their status; streamed (VIEWER; audited)")
    void export(@PathVariable UUID appId, HttpServletResponse response) throws IOException {
        DeviceExport export = devices.export(appId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(export.fileName()).build().toString());
        export.writeTo(response.getOutputStream());
    }

    /** @param prefix put before the attribute parameters' names in errors */
    private static DeviceFilter filter(DeviceFilterJson given, String prefix) {
        return new DeviceFilter(blank(given.environment()) ? null : ApnsEnvironment.parse(given.environment()),
                blank(given.status()) ? null : DeviceStatus.parse(given.status()), blank(given.tag()) ? null
                : given.tag(), blank(given.q()) ? null : given.q(), DeviceFilter.Order.TOKEN, false,
                AttributeParameters.read(given.version(), given.lastSeen(), given.property(), prefix));
    }

    private static DeviceFilter.Order order(@Nullable String sort) {
        if (sort == null || sort.isBlank() || sort.equalsIgnoreCase("token")) {
            return DeviceFilter.Order.TOKEN;
        }
        if (sort.equalsIgnoreCase("alias")) {
            return DeviceFilter.Order.ALIAS;
        }
        if (sort.equalsIgnoreCase("lastRegistered")) {
            return DeviceFilter.Order.LAST_REGISTERED;
        }
        throw new ValidationException("sort", "device.sort.invalid");
    }

    private static @Nullable DevicePosition position(@Nullable String after) {
        return Cursor.read(after, 2, parts -> new DevicePosition(parts.get(0), ApnsEnvironment.parse(parts.get(1))));
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
