package dev.pushdeck.history.api;

import dev.pushdeck.app.AppService;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.api.CampaignJson;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.history.AbTestReport;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryExport;
import dev.pushdeck.history.DeliveryExports;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.DeliveryHistory;
import dev.pushdeck.shared.error.NotFoundException;
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
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Send history over HTTP for team API tokens (VIEWER and up): a campaign with its delivery
 * counts, the delivery log of a campaign, an app or a device, and CSV exports. Everything is read
 * through the role-checked {@link DeliveryHistory} and {@link DeliveryExports}, which take the team
 * from the principal. A campaign, app or device that is not the team's is a 404 (not an empty
 * list): each handler asks the owning module first, so a wrong id is told from an empty log.
 *
 * <p>Lists are keyset pages without counting: {@code total} is the campaign's stored count
 * when the list is unfiltered or filtered by status only, and absent otherwise. Numbered pages
 * reach {@value DeliveryPages#MAX_ROWS} rows; {@code after} continues from the last {@code id} seen (the page's
 * {@code next}) in the list's own order ({@code before} is its older name on the newest-first lists).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Send history")
class HistoryController {

    private final CampaignService campaigns;
    private final AppService apps;
    private final DeviceService devices;
    private final DeliveryHistory history;
    private final DeliveryExports exports;
    private final Clock clock;

    HistoryController(CampaignService campaigns, AppService apps, DeviceService devices, DeliveryHistory history,
                      DeliveryExports exports, Clock clock) {
        this.campaigns = campaigns;
        this.apps = apps;
        this.devices = devices;
        this.history = history;
        this.exports = exports;
        this.clock = clock;
    }

    /** How many devices a campaign's run marked INVALID (APNs refused their tokens) that are still so. */
    record MarkedDevicesJson(long marked) {
    }

    /** How many devices a restore made ACTIVE again. */
    record RestoredDevicesJson(int restored) {
    }

    @GetMapping("/campaigns/{id}/marked-devices")
    @Operation(summary = "How many devices this campaign marked invalid after it ended (APNs refused their tokens)")
    MarkedDevicesJson markedDevices(@PathVariable UUID id) {
        return new MarkedDevicesJson(devices.countMarkedBy(campaigns.get(id).id()));
    }

    @PostMapping("/campaigns/{id}/marked-devices/restore")
    @Operation(summary = "Make the devices this campaign marked invalid active again (ADMIN; audited)")
    RestoredDevicesJson restoreMarkedDevices(@PathVariable UUID id) {
        Campaign campaign = campaigns.get(id);
        return new RestoredDevicesJson(devices.restoreMarkedBy(campaign.id(), campaign.name()));
    }

    @GetMapping("/campaigns/{id}")
    @Operation(summary = "One campaign with its delivery counts and reasons, and the receipts and opens its app "
            + "reported with their rates over accepted (absent until it is launched); with content per language, "
            + "the same per language; with an A/B test, its versions side by side, the verdict and the decision")
    CampaignReportJson campaign(@PathVariable UUID id) {
        Campaign campaign = campaigns.get(id);
        Optional<RunProgress> progress = history.progress(campaign.id());
        if (progress.isEmpty()) {
            return CampaignReportJson.of(CampaignJson.of(campaign), null, null, List.of(), null);
        }
        // A test's report carries the languages too, so the log is read once for both.
        AbTestReport test = campaign.draft().abTest() == null ? null : history.abTest(campaign.id()).orElse(null);
        return CampaignReportJson.of(CampaignJson.of(campaign), progress.get(), history.engagement(campaign.id()),
                test == null ? history.byVariant(campaign.id()) : test.byLanguage(), test);
    }

    @GetMapping("/campaigns/{id}/deliveries")
    @Operation(summary = "A campaign's deliveries in queue order; filters status, reason, token (prefix), alias, "
            + "from/to (last attempt); page/size up to 10,000 rows, continue with after=<next>")
    Page<DeliveryJson> campaignDeliveries(@PathVariable UUID id, @ParameterObject DeliveryQuery query,
                                          @RequestParam(required = false) @Nullable Integer page,
                                          @RequestParam(required = false) @Nullable Integer size,
                                          @Parameter(description = "the next cursor of the previous page (the last "
                                                  + "id seen)")
                                          @RequestParam(required = false) @Nullable Long after) {
        Campaign campaign = campaigns.get(id);
        DeliveryFilter filter = query.filter();
        Optional<RunProgress> progress = history.progress(campaign.id());
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        if (progress.isEmpty()) {
            return new Page<>(List.of(), pageNo, pageSize, 0L);
        }
        List<DeliveryEntry> rows = DeliveryPages.page((cursor, limit) -> history.ofCampaign(campaign.id(), filter,
                cursor, limit), after == null ? 0 : after, pageNo, pageSize);
        return page(rows, pageNo, pageSize, total(progress.get(), filter));
    }

    @GetMapping(path = "/campaigns/{id}/deliveries/export", produces = "text/csv")
    @ApiResponse(responseCode = "200", description = "CSV, streamed", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    @Operation(summary = "A campaign's deliveries as CSV (streamed), with the list's filters")
    void exportCampaign(@PathVariable UUID id, @ParameterObject DeliveryQuery query, HttpServletResponse response)
            throws IOException {
        csv(response, exports.ofCampaign(id, query.filter()));
    }

    @GetMapping("/apps/{appId}/deliveries")
    @Operation(summary = "An app's deliveries across campaigns, newest first; the campaign list's filters; "
            + "page/size up to 10,000 rows, continue with after=<next> (before= is the older name)")
    Page<DeliveryJson> appDeliveries(@PathVariable UUID appId, @ParameterObject DeliveryQuery query,
                                     @RequestParam(required = false) @Nullable Integer page,
                                     @RequestParam(required = false) @Nullable Integer size,
                                     @Parameter(description = "the next cursor of the previous page (the last id "
                                             + "seen)") @RequestParam(required = false) @Nullable Long after,
                                     @Parameter(deprecated = true, description = "as after")
                                     @RequestParam(required = false) @Nullable Long before) {
        if (!apps.exists(appId)) {
            throw new NotFoundException();
        }
        DeliveryFilter filter = query.filter();
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        List<DeliveryEntry> rows = DeliveryPages.page((cursor, limit) -> history.ofApp(appId, filter, cursor, limit),
                newestFirstCursor(after, before), pageNo, pageSize);
        return page(rows, pageNo, pageSize, null);
    }

    @GetMapping(path = "/apps/{appId}/deliveries/export", produces = "text/csv")
    @ApiResponse(responseCode = "200", description = "CSV, streamed", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    @Operation(summary = "An app's deliveries as CSV (streamed), newest first, with a campaignId column")
    void exportApp(@PathVariable UUID appId, @ParameterObject DeliveryQuery query, HttpServletResponse response) throws IOException {
        csv(response, exports.ofApp(appId, query.filter()));
    }

    @GetMapping("/devices/{deviceId}/deliveries")
    @Operation(summary = "One device's deliveries across campaigns, newest first (\"did they get it?\"); "
            + "page/size up to 10,000 rows, continue with after=<next> (before= is the older name)")
    Page<DeliveryJson> deviceDeliveries(@PathVariable UUID deviceId,
                                        @RequestParam(required = false) @Nullable Integer page,
                                        @RequestParam(required = false) @Nullable Integer size,
                                        @Parameter(description = "the next cursor of the previous page (the last id "
                                                + "seen)") @RequestParam(required = false) @Nullable Long after,
                                        @Parameter(deprecated = true, description = "as after")
                                        @RequestParam(required = false) @Nullable Long before) {
        if (!devices.exists(deviceId)) {
            throw new NotFoundException();
        }
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        List<DeliveryEntry> rows = DeliveryPages.page((cursor, limit) -> history.ofDevice(deviceId, cursor, limit),
                newestFirstCursor(after, before), pageNo, pageSize);
        return page(rows, pageNo, pageSize, null);
    }

    /** Newest-first lists continue below the last id seen, given as after (or, as before, as before). */
    private static long newestFirstCursor(@Nullable Long after, @Nullable Long before) {
        Long cursor = after != null ? after : before;
        return cursor == null ? Long.MAX_VALUE : cursor;
    }

    /** The stored count that equals the list's length, when there is one. */
    private static @Nullable Long total(RunProgress progress, DeliveryFilter filter) {
        if (filter.isEmpty()) {
            return progress.total();
        }
        DeliveryStatus status = filter.status();
        return status != null && filter.equals(new DeliveryFilter(status, null, null)) ? progress.count(status) : null;
    }

    /** A page whose next cursor is its last row's id, when the page is full. */
    private static Page<DeliveryJson> page(List<DeliveryEntry> rows, int page, int size, @Nullable Long total) {
        return Page.withCursor(rows.stream().map(DeliveryJson::of).toList(), page, size, total,
                delivery -> String.valueOf(delivery.id()));
    }

    /**
     * Streams a CSV attachment straight into the response on the request thread (as the
     * device export does): rows go out as the cursor yields them, no async dispatch that
     * would need authenticating again and no async timeout cutting off a large export. All
     * checks (404, 422) happen before the first byte, so errors are still problem documents.
     */
    private void csv(HttpServletResponse response, DeliveryExport export) throws IOException {
        String name = ("deliveries-" + export.name()).replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv";
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                .toString());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                64 * 1024);
        export.writeTo(out);
    }
}
