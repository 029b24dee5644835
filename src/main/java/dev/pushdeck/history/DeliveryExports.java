package dev.pushdeck.history;

import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.dispatch.reports.RunReports;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.csv.CsvWriter;
import dev.pushdeck.shared.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery-log CSV exports (a campaign's deliveries, an app's log), for the views and the REST
 * API alike, each one audited: device tokens and aliases leave the system, so the team's
 * admins see who exported what, when, and how many rows.
 *
 * <p>Preparing an export checks the role (VIEWER, a person's read again from the database, so
 * a page left open after a removal exports nothing) and the team (another team's id:
 * {@link NotFoundException}) before anything is written, so an API answer can still be a
 * problem document. The export itself streams later on the same thread (see
 * {@link DeliveryExport#writeTo}). Thread-safe.
 *
 * <p>The audit entry cannot join the export's transaction: that one is read-only and stays
 * open while the rows stream out. It is written in a transaction of its own once the stream
 * ends, also when it ends early (docs/decisions/020-delivery-exports-audited-after-the-stream.md).
 */
@Service
public class DeliveryExports {

    private final CampaignService campaigns;
    private final AppService apps;
    private final RunReports runs;
    private final DeliveryLog log;
    private final CurrentActor actor;
    private final AuditLog audit;
    private final TransactionTemplate ownTransaction;

    DeliveryExports(CampaignService campaigns, AppService apps, RunReports runs, DeliveryLog log,
                    CurrentActor actor, AuditLog audit, PlatformTransactionManager transactionManager) {
        this.campaigns = campaigns;
        this.apps = apps;
        this.runs = runs;
        this.log = log;
        this.actor = actor;
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A campaign's deliveries in queue order, final and still queued; a campaign never
     * launched exports the header only.
     *
     * @throws NotFoundException the campaign is not the team's
     */
    @PreAuthorize("hasRole('VIEWER')")
    public DeliveryExport ofCampaign(UUID campaignId, @Nullable DeliveryFilter filter) {
        Campaign campaign = campaigns.get(campaignId);
        UUID team = team();
        DeliveryFilter clean = orNone(filter);
        boolean launched = runs.exists(team, campaign.id());
        return export(team, campaign.name(), clean, (out, written) -> launched
                ? log.exportRun(team, campaign.id(), clean, out, written) : headerOnly(out));
    }

    /**
     * An app's final outcomes across its campaigns, newest first, with a {@code campaignId} column.
     *
     * @throws NotFoundException the app is not the team's
     */
    @PreAuthorize("hasRole('VIEWER')")
    public DeliveryExport ofApp(UUID appId, @Nullable DeliveryFilter filter) {
        PushApp app = apps.get(appId);
        UUID team = team();
        DeliveryFilter clean = orNone(filter);
        return export(team, app.name(), clean, (out, written) -> log.exportApp(team, app.id(), clean, out,
                written));
    }

    private UUID team() {
        return Objects.requireNonNull(actor.recheck(Role.VIEWER).teamId(), "a recheck passes only in a team");
    }

    /** The filter in short for the audit log, e.g. {@code status=REJECTED reason=Unregistered}. */
    static String summary(DeliveryFilter filter) {
        StringJoiner parts = new StringJoiner(" ");
        part(parts, "status", filter.status());
        part(parts, "reason", filter.reason());
        part(parts, "token", filter.tokenPrefix());
        part(parts, "alias", filter.alias());
        part(parts, "from", filter.from());
        part(parts, "to", filter.to());
        return parts.length() == 0 ? "no filter" : parts.toString();
    }

    private static void part(StringJoiner parts, String name, @Nullable Object value) {
        if (value != null && !value.toString().isBlank()) {
            parts.add(name + "=" + value.toString().trim());
        }
    }

    private static long headerOnly(Writer out) {
        try {
            new CsvWriter(out).write(DeliveryLog.EXPORT_COLUMNS);
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeliveryFilter orNone(@Nullable DeliveryFilter filter) {
        return filter == null ? DeliveryFilter.none() : filter;
    }

    /** Writes the CSV, telling {@code written} the rows written so far; returns the total. */
    private interface Stream {
        long write(Writer out, LongConsumer written);
    }

    private DeliveryExport export(UUID team, String name, DeliveryFilter filter, Stream stream) {
        return new DeliveryExport() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long writeTo(Writer out) {
                return streamAndRecord(team, name, filter, stream, out);
            }
        };
    }

    /**
     * An export that stops half way (the client went away, the read failed) is recorded too,
     * as interrupted, with the rows handed to {@code out} until then: rows may have left the
     * system, so the attempt must show. They are an upper bound (the last ones may still have
     * been in a buffer); recording nothing would hide a partial leak.
     */
    private long streamAndRecord(UUID team, String name, DeliveryFilter filter, Stream stream, Writer out) {
        AtomicLong written = new AtomicLong();
        long rows;
        try {
            rows = stream.write(out, written::set);
        } catch (RuntimeException e) {
            try {
                recordExport(team, name, "interrupted after at most " + written.get() + " row(s); "
                        + summary(filter));
            } catch (RuntimeException auditFailed) {
                e.addSuppressed(auditFailed);
            }
            throw e;
        }
        recordExport(team, name, rows + " row(s); " + summary(filter));
        return rows;
    }

    private void recordExport(UUID team, String name, String details) {
        ownTransaction.executeWithoutResult(status -> audit.recordInTeam(team, "deliveries.exported", name, details));
    }
}
