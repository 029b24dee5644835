package dev.pushdeck.dispatch;

import dev.pushdeck.app.AppDeleting;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.SplitTest;
import dev.pushdeck.campaign.VariantPayload;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.Audience;
import dev.pushdeck.device.DeviceToken;
import dev.pushdeck.dispatch.internal.BroadcastRunRepository;
import dev.pushdeck.dispatch.internal.ChannelRepository;
import dev.pushdeck.dispatch.internal.FanOutRepository;
import dev.pushdeck.dispatch.internal.FanOutRepository.Queued;
import dev.pushdeck.dispatch.internal.RunProgressRepository;
import dev.pushdeck.dispatch.internal.RunProgressRepository.Counts;
import dev.pushdeck.dispatch.internal.RunRepository;
import dev.pushdeck.dispatch.internal.RunRepository.RunRef;
import dev.pushdeck.dispatch.internal.RunRepository.RunRow;
import dev.pushdeck.dispatch.internal.SplitTestRepository;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Launches runs and controls them, and tells their progress.
 *
 * <p>For trusted callers inside this module only: the adapter that follows the campaigns'
 * events ({@code CampaignDispatch}, which hears what the campaign module's role-checked services
 * publish). Every method takes the tenant explicitly and performs no role check, so never pass a
 * tenant taken from a URL or form. Other modules read runs through
 * {@link dev.pushdeck.dispatch.reports.RunReports} (docs/decisions/059-trusted-callers-behind-named-interfaces.md).
 * Another team's run ids answer {@link NotFoundException}. Thread-safe.
 *
 * <p>Events: {@link RunCompleted} when nothing of a run is pending or in flight any more,
 * {@link RunStopped} when it is cancelled or fails; both are published inside the
 * transaction that changes the run, so transactional listeners see them after commit.
 */
@Service
public class DispatchService {

    /** Apple's largest payload (VoIP); other push types are checked by Apple (413 stops the run). */
    static final int MAX_PAYLOAD_BYTES = 5120;
    static final String LIVE_ACTIVITY = "liveactivity";
    /** The longest variant label a run stores ({@code run_variants.label}), the longest locale a device stores. */
    private static final int MAX_VARIANT_LABEL = 35;
    private static final Set<String> PUSH_TYPES = Set.of("alert", "background", "voip", "complication",
            "fileprovider", "mdm", "location", "liveactivity", "pushtotalk");

    private final RunRepository runs;
    private final FanOutRepository fanOut;
    private final RunProgressRepository counters;
    private final DispatchEngine engine;
    private final ApplicationEventPublisher events;
    private final int leaseSeconds;
    private final BroadcastRunRepository broadcastRuns;
    private final ChannelRepository channels;
    private final CampaignBroadcasts broadcasts;
    private final SplitTestRepository splitTests;

    DispatchService(RunRepository runs, FanOutRepository fanOut, RunProgressRepository counters,
                    DispatchEngine engine, ApplicationEventPublisher events, DispatchSettings settings,
                    BroadcastRunRepository broadcastRuns, ChannelRepository channels, CampaignBroadcasts broadcasts, SplitTestRepository splitTests) {
        this.broadcastRuns = broadcastRuns;
        this.channels = channels;
        this.broadcasts = broadcasts;
        this.splitTests = splitTests;
        this.runs = runs;
        this.fanOut = fanOut;
        this.counters = counters;
        this.engine = engine;
        this.events = events;
        this.leaseSeconds = (int) settings.lease.toSeconds();
    }

    /**
     * Snapshots the request into a SENDING run and queues one delivery per targeted ACTIVE
     * device, set-based, in the caller's transaction (so a campaign's status change and the
     * fan-out commit or roll back together). With quiet hours, a delivery released inside them is
     * held to their end or written to the log as SKIPPED at once; with a frequency cap, so is a
     * delivery to a device already at it. A run with nothing left to send
     * completes at once.
     *
     * @return how many deliveries the run has (queued and skipped)
     * @throws ValidationException the request cannot be sent as it is (field and reason named)
     * @throws ConflictException   a run with this id exists already (each run launches once)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int launch(LaunchRequest request) {
        LaunchRequest clean = validate(request);
        if (runs.runExists(clean.runId())) {
            throw new ConflictException("dispatch.run.exists");
        }
        runs.insertRun(clean, clean.payload().getBytes(StandardCharsets.UTF_8).length);
        if (!clean.variants().isEmpty()) {
            runs.insertVariants(clean);
        }
        Queued queued = fanOut.fanOut(clean);
        runs.setTotal(clean.runId(), queued);
        if (clean.split() != null) {
            splitTests.insert(clean);
        }
        if (queued.waiting() == 0) {
            completeIfFinished(clean.runId());
        } else {
            nudgeAfterCommit();
        }
        return queued.count();
    }

    /**
     * Snapshots a broadcast into a SENDING run of one delivery, in the caller's transaction, and
     * sends it once that commits: one request to Apple for every activity subscribed to the
     * channel (docs/decisions/044-broadcast-campaigns.md). Apple's id of the channel is read now,
     * so a channel deleted since the campaign was saved stops the launch.
     *
     * @throws ValidationException on {@code audience.channel} when the app no longer lists the channel in the
     *                             request's environment, or on the payload, priority or topic
     * @throws ConflictException   a run with this id exists already
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void launchBroadcast(BroadcastRequest request) {
        BroadcastChannel channel = channels.find(request.tenantId(), request.appId(), request.channel())
                .filter(listed -> listed.environment() == request.environment())
                .orElseThrow(() -> new ValidationException("audience.channel", "campaign.audience.channel.gone"));
        List<FieldError> errors = new ArrayList<>();
        checkMessage(request.topic(), request.payload(), request.priority(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (runs.runExists(request.runId())) {
            throw new ConflictException("dispatch.run.exists");
        }
        broadcastRuns.insertRun(request.tenantId(), request.runId(), request.appId(), request.environment(),
                request.topic().trim(), request.payload(), request.payload().getBytes(StandardCharsets.UTF_8).length,
                request.priority(), request.expiration(Instant.now()), channel.id(), channel.channelId());
        afterCommit(() -> broadcasts.sendSoon(request.runId()));
    }

    /**
     * Cancels an open run at once: nothing more of it is claimed; its pending deliveries
     * become CANCELLED in the background, in batches (a run of millions is never moved in
     * one statement); those already in flight are recorded as Apple answers them.
     *
     * @return false when the run had already ended
     */
    @Transactional
    public boolean cancel(UUID tenantId, UUID runId) {
        RunRow run = run(tenantId, runId);
        if (run.status().isFinal() || !runs.stopRun(runId, RunStatus.CANCELLED, "Cancelled")) {
            return false;
        }
        events.publishEvent(new RunStopped(tenantId, runId, RunStatus.CANCELLED, "Cancelled"));
        // A broadcast not yet taken for sending is never sent (the row lock orders this against a send).
        broadcasts.finishUnsent(runId, DeliveryStatus.CANCELLED, "Cancelled");
        afterCommit(engine::drainSoon);
        return true;
    }

    /** Stops claiming a sending run's deliveries until {@link #resume}; false when it was not sending. */
    @Transactional
    public boolean pause(UUID tenantId, UUID runId) {
        run(tenantId, runId);
        return runs.changeStatus(tenantId, runId, RunStatus.SENDING, RunStatus.PAUSED);
    }

    /** Resumes a paused run; false when it was not paused. */
    @Transactional
    public boolean resume(UUID tenantId, UUID runId) {
        run(tenantId, runId);
        boolean resumed = runs.changeStatus(tenantId, runId, RunStatus.PAUSED, RunStatus.SENDING);
        if (resumed) {
            completeIfFinished(runId);
            nudgeAfterCommit();
            if (broadcastRuns.untaken(runId)) {
                afterCommit(() -> broadcasts.sendSoon(runId));
            }
        }
        return resumed;
    }

    /** Whether a run with this id was launched for the team. */
    @Transactional(readOnly = true)
    public boolean exists(UUID tenantId, UUID runId) {
        return runs.findRun(tenantId, runId).isPresent();
    }

    /**
     * The run's status and its deliveries counted by status, and rejections/failures by
     * reason, from the stored counters: cheap at any run size, and still right after
     * retention deleted old delivery rows. PENDING is derived (total minus final minus in
     * flight). One snapshot: the counters, the reasons and the in-flight count are of one moment.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RunProgress progress(UUID tenantId, UUID runId) {
        RunRow run = run(tenantId, runId);
        Counts counts = counters.counts(tenantId, runId, leaseSeconds).orElseThrow(NotFoundException::new);
        Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
        long finals = counts.accepted() + counts.rejected() + counts.failed() + counts.expired() + counts.cancelled()
                + counts.skipped();
        byStatus.put(DeliveryStatus.PENDING, Math.max(0, counts.total() - finals - counts.inFlight()));
        byStatus.put(DeliveryStatus.IN_FLIGHT, counts.inFlight());
        byStatus.put(DeliveryStatus.ACCEPTED, counts.accepted());
        byStatus.put(DeliveryStatus.REJECTED, counts.rejected());
        byStatus.put(DeliveryStatus.FAILED, counts.failed());
        byStatus.put(DeliveryStatus.EXPIRED, counts.expired());
        byStatus.put(DeliveryStatus.CANCELLED, counts.cancelled());
        byStatus.put(DeliveryStatus.SKIPPED, counts.skipped());
        byStatus.values().removeIf(count -> count == 0);
        Map<String, Long> byReason = new LinkedHashMap<>();
        counters.reasons(runId).forEach(reason -> byReason.put(reason.reason(), reason.count()));
        return new RunProgress(runId, run.status(), run.stopReason(), run.deliveriesTotal(), byStatus, byReason,
                run.launchedAt(), run.completedAt());
    }

    /** Exactly what the run sent: payload and headers as fixed at launch. */
    @Transactional(readOnly = true)
    public RunSnapshot snapshot(UUID tenantId, UUID runId) {
        return counters.snapshot(tenantId, runId).orElseThrow(NotFoundException::new);
    }

    /**
     * Deletes an app's queued deliveries and its delivery log with the app (same
     * transaction): neither has a foreign key to it (see docs/decisions/017-delivery-queue.md).
     * Its runs and their counters go by cascade.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void forget(AppDeleting app) {
        runs.deleteApp(app.tenantId(), app.appId());
    }

    private RunRow run(UUID tenantId, UUID runId) {
        return runs.findRun(tenantId, runId).orElseThrow(NotFoundException::new);
    }

    private void completeIfFinished(UUID runId) {
        for (RunRef done : runs.completeFinished(List.of(runId))) {
            events.publishEvent(new RunCompleted(done.tenantId(), done.runId()));
        }
    }

    private void nudgeAfterCommit() {
        afterCommit(engine::nudge);
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** The topic, payload and priority every send carries; a caller that left one out is told which. */
    private static void checkMessage(@Nullable String topic, @Nullable String payload, int priority,
                                     List<FieldError> errors) {
        if (topic == null || topic.isBlank() || topic.length() > 255) {
            errors.add(new FieldError("topic", "dispatch.topic.invalid"));
        }
        int bytes = payload == null ? 0 : payload.getBytes(StandardCharsets.UTF_8).length;
        if (payload == null || payload.isBlank()) {
            errors.add(new FieldError("payload", "dispatch.payload.empty"));
        } else if (bytes > MAX_PAYLOAD_BYTES) {
            errors.add(new FieldError("payload", "dispatch.payload.too-large", MAX_PAYLOAD_BYTES));
        }
        if (priority != 5 && priority != 10) {
            errors.add(new FieldError("priority", "dispatch.priority.invalid"));
        }
    }

    private static LaunchRequest validate(LaunchRequest r) {
        List<FieldError> errors = new ArrayList<>();
        checkMessage(r.topic(), r.payload(), r.priority(), errors);
        // The dispatcher puts each delivery's id into the key's closing braces.
        if (r.deliveryKey() && r.payload() != null && !r.payload().endsWith("}}")) {
            errors.add(new FieldError("payload", "dispatch.payload.delivery-key"));
        }
        checkVariants(r, errors);
        checkSplit(r, errors);
        if (r.pushType() == null || !PUSH_TYPES.contains(r.pushType())) {
            errors.add(new FieldError("pushType", "dispatch.push-type.invalid"));
        }
        if (r.collapseId() != null && r.collapseId().getBytes(StandardCharsets.UTF_8).length > 64) {
            errors.add(new FieldError("collapseId", "dispatch.collapse-id.too-long", 64));
        }
        if (r.expiresAfter() != null && (r.expiresAt() != null || r.expiresAfter().isNegative()
                || r.expiresAfter().isZero())) {
            errors.add(new FieldError("expiresAfter", "dispatch.expiration.invalid"));
        }
        if (r.throttlePerMinute() != null && r.throttlePerMinute() <= 0) {
            errors.add(new FieldError("throttlePerMinute", "dispatch.throttle.invalid"));
        }
        QuietHours quiet = r.quietHours();
        if (quiet != null && (quiet.from() == null || quiet.to() == null || quiet.from().equals(quiet.to()))) {
            errors.add(new FieldError("quietHours", "dispatch.quiet-hours.invalid"));
        }
        Audience audience = r.audience();
        if (LIVE_ACTIVITY.equals(r.pushType()) != (audience.activity() != null)) {
            // Activity tokens and device tokens do not stand in for each other: APNs refuses both mixes.
            errors.add(new FieldError("audience", "dispatch.live-activity.target"));
        }
        if (audience.environment() != null && audience.environment() != r.environment()) {
            errors.add(new FieldError("environment", "dispatch.environment.mismatch"));
        }
        List<AttributeFilter> filters = AttributeFilters.check(audience.filters(), "audience.filters", errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<String> tokens = audience.tokens() == null ? List.of()
                : audience.tokens().stream().map(DeviceToken::normalize).distinct().toList();
        Audience normalized = new Audience(r.environment(), nullToEmpty(audience.tagsAny()),
                nullToEmpty(audience.tagsAll()), tokens, audience.testDevicesOnly(),
                audience.aliases().stream().map(String::strip).distinct().toList(), audience.activity(), filters);
        return new LaunchRequest(r.tenantId(), r.runId(), r.appId(), r.environment(), r.topic().trim(), r.payload(),
                r.pushType(), r.priority(), r.expiresAt(), r.expiresAfter(), r.collapseId(), r.throttlePerMinute(),
                normalized, r.deviceLocalTime(), r.fallbackZone(), r.deliveryKey(), r.quietHours(), r.frequencyCap(),
                r.variants(), r.split());
    }

    /**
     * Each variant's payload is checked as the default's is, its tag is one a device can store,
     * and there are few enough to number in a smallint; a Live Activity has one content.
     */
    private static void checkVariants(LaunchRequest r, List<FieldError> errors) {
        List<VariantPayload> variants = r.variants();
        if (variants.isEmpty()) {
            return;
        }
        if (variants.size() > Short.MAX_VALUE / 2 || LIVE_ACTIVITY.equals(r.pushType())) {
            errors.add(new FieldError("variants", "dispatch.variants.invalid"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            VariantPayload variant = variants.get(i);
            String path = "variants[" + i + "]";
            String locale = variant.locale();
            boolean ownDefault = locale == null && variant.version() > 0;
            if (!ownDefault && (locale == null || locale.isBlank() || locale.length() > MAX_VARIANT_LABEL
                    || variant.version() == 0 && !seen.add(LocaleMatch.normalize(locale)))) {
                errors.add(new FieldError(path + ".locale", "dispatch.variants.invalid"));
            }
            List<FieldError> payloadErrors = new ArrayList<>();
            checkMessage(r.topic(), variant.payload(), r.priority(), payloadErrors);
            payloadErrors.stream().filter(error -> error.field().equals("payload"))
                    .map(error -> new FieldError(path + ".payload", error.key(), error.args()))
                    .forEach(errors::add);
            if (r.deliveryKey() && !variant.payload().endsWith("}}")) {
                errors.add(new FieldError(path + ".payload", "dispatch.payload.delivery-key"));
            }
        }
    }

    /**
     * An A/B test numbers every version's wording per locale ({@link LaunchRequest#stride}), so its
     * variants are exactly the versions times the stride beside the default; it splits devices,
     * not Live Activities, and all at one time.
     */
    private static void checkSplit(LaunchRequest r, List<FieldError> errors) {
        SplitTest split = r.split();
        if (split == null) {
            return;
        }
        if (split.testPercent() < 1 || split.testPercent() > AbTest.MAX_TEST_PERCENT || split.versions() < 2
                || split.versions() > AbTest.MAX_VERSIONS || split.waitFor().isNegative()
                || r.variants().size() != split.versions() * r.stride() - 1
                || r.audience().activity() != null || r.deviceLocalTime() != null) {
            errors.add(new FieldError("split", "dispatch.split.invalid"));
        }
    }

    private static List<String> nullToEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
