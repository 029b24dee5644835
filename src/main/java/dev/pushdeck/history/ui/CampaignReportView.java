package dev.pushdeck.history.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.FilterText;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.dispatch.RunSnapshot;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.history.AbTestReport;
import dev.pushdeck.history.DeliveryExports;
import dev.pushdeck.history.DeliveryHistory;
import dev.pushdeck.history.OutcomeCharts;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.i18n.StoredReasons;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.SvgImage;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * What became of one campaign: its facts, live counts and progress while it sends (pushed by
 * {@link ProgressTicker}, no reload), outage and marked-device notices ({@link RunNotices}),
 * rejections explained, charts, what exactly was sent, the actions the reader's role allows,
 * and its delivery log. Every read asks again who is reading ({@link DeliveryHistory},
 * {@link RunNotices}); a reader removed from the team, or who switched team in another tab,
 * sees "you no longer have access" and the live updates stop.
 */
@Route("campaigns/:campaignId/report")
@RolesAllowed(Roles.VIEWER)
class CampaignReportView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String CAMPAIGN_ID = "campaignId";
    /** The delivery statuses shown as counters, in the order people read them. */
    private static final List<DeliveryStatus> COUNTED = List.of(DeliveryStatus.ACCEPTED, DeliveryStatus.REJECTED,
            DeliveryStatus.FAILED, DeliveryStatus.EXPIRED, DeliveryStatus.CANCELLED, DeliveryStatus.SKIPPED,
            DeliveryStatus.PENDING, DeliveryStatus.IN_FLIGHT);
    /** Charts are redrawn at most this often while sending (and once at the end). */
    private static final Duration CHART_EVERY = Duration.ofSeconds(10);
    private static final DateTimeFormatter BAR_LABELS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final transient CampaignService campaigns;
    private final transient DeliveryHistory history;
    private final transient DeliveryExports exports;
    private final transient AppService apps;
    private final transient CredentialService credentials;
    private final transient DeviceService devices;
    private final transient ProgressTicker ticker;
    private final transient CurrentActor actor;
    /** Whether the reader may pause, resume and cancel: follows their current role. */
    private boolean editor;
    private @Nullable RunNotices notices;

    final Map<DeliveryStatus, Span> counts = new EnumMap<>(DeliveryStatus.class);
    final ProgressBar bar = new ProgressBar();
    final Span progressText = new Span();
    final Span status = new Span();
    final Grid<Map.Entry<String, Long>> reasons = new Grid<>();
    final HorizontalLayout actions = new HorizontalLayout();
    /** Opens and receipts the app reported, redrawn with the charts. */
    @Nullable EngagementPanel engagement;
    /** The A/B test side by side, redrawn with the charts; null for a campaign without a test. */
    @Nullable AbTestPanel abTest;
    /** What a broadcast campaign's one delivery means (docs/decisions/044-broadcast-campaigns.md). */
    final Div broadcastNote = new Div();
    private final Div charts = new Div();
    private @Nullable Campaign campaign;
    private @Nullable RunProgress shown;
    private Instant chartDrawnAt = Instant.MIN;
    private @Nullable Registration watching;
    private @Nullable RunStatus actionsFor;
    private boolean actionsForEditor;

    CampaignReportView(CampaignService campaigns, DeliveryHistory history, DeliveryExports exports, AppService apps,
                       CredentialService credentials, DeviceService devices, ProgressTicker ticker,
                       CurrentActor actor) {
        this.campaigns = campaigns;
        this.history = history;
        this.exports = exports;
        this.apps = apps;
        this.credentials = credentials;
        this.devices = devices;
        this.ticker = ticker;
        this.actor = actor;
        addClassName("campaign-report");
        actions.addClassName("report-actions");
        charts.addClassName("report-charts");
        broadcastNote.addClassName("broadcast-note");
        configureReasons();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        stopWatching();
        removeAll();
        UUID id;
        try {
            id = UUID.fromString(event.getRouteParameters().get(CAMPAIGN_ID).orElse(""));
        } catch (IllegalArgumentException notAnId) {
            showNotFound();
            return;
        }
        try {
            editor = Objects.requireNonNull(actor.recheck(Role.VIEWER).role(), "a member has a role")
                    .includes(Role.EDITOR);
            show(campaigns.get(id));
        } catch (NotFoundException e) {
            showNotFound();
        } catch (AccessDeniedException e) {
            showAccessLost();
        }
    }

    /** No such campaign in the team (another team's id reads the same): nothing of an earlier one stays. */
    private void showNotFound() {
        campaign = null;
        shown = null;
        counts.clear();
        removeAll();
        add(new H2(getTranslation("history.report.title")), HistoryText.emptyState(this, "history.report.not-found"));
    }

    /** The reader may no longer see this team's report: nothing of it stays on screen. */
    void showAccessLost() {
        stopWatching();
        campaign = null;
        shown = null;
        counts.clear();
        removeAll();
        add(new H2(getTranslation("history.report.title")), HistoryText.accessLost(this));
    }

    private void show(Campaign shownCampaign) {
        removeAll();
        actions.removeAll();
        counts.clear();
        shown = null;
        chartDrawnAt = Instant.MIN;
        campaign = shownCampaign;
        add(new Anchor("campaigns", getTranslation("history.report.back")), new H2(campaign().name()), facts());
        if (campaign().draft().audience().broadcast()) {
            broadcastNote.setText(getTranslation("history.report.broadcast.note"));
            add(broadcastNote);
        }
        Optional<RunProgress> progress = history.progress(campaign().id());
        if (progress.isEmpty()) {
            add(actions, HistoryText.emptyState(this, "history.report.not-sent"));
            renderActions(null);
            return;
        }
        notices = new RunNotices(credentials, devices, actor, campaign).onAccessLost(this::showAccessLost);
        engagement = new EngagementPanel();
        abTest = campaign().draft().abTest() == null ? null : new AbTestPanel(this::pickWinner);
        add(actions, notices, counters(), engagement);
        if (abTest != null) {
            add(abTest);
        }
        add(new H3(getTranslation("history.report.reasons")), reasons, charts);
        add(sent(history.snapshot(campaign().id())));
        add(new H3(getTranslation("history.report.deliveries")), deliveries());
        update(progress.get());
        watchWhileOpen();
    }

    private Component facts() {
        FormLayout facts = new FormLayout();
        facts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        status.setText(getTranslation("campaigns.status." + campaign().status().name().toLowerCase(Locale.ROOT))
                + because(campaign().statusReason()));
        status.getElement().getThemeList().add("badge");
        facts.addFormItem(status, getTranslation("history.report.status"));
        fact(facts, "history.report.app", apps.get(campaign().appId()).name());
        fact(facts, "history.report.environment", getTranslation("env." + campaign().draft().environment().wire()));
        fact(facts, "history.report.audience", audience());
        if (!campaign().draft().audience().filters().isEmpty()) {
            fact(facts, "history.report.filters", campaign().draft().audience().filters().stream()
                    .map(filter -> FilterText.describe(filter, getLocale(), at -> Times.format(at, this)))
                    .collect(Collectors.joining(" · ")));
        }
        fact(facts, "history.report.creator", campaign().createdBy());
        fact(facts, "history.report.created", Times.format(campaign().createdAt(), this));
        fact(facts, "history.report.scheduled", Times.format(campaign().scheduledAt(), this));
        fact(facts, "history.report.launched", Times.format(campaign().launchedAt(), this));
        fact(facts, "history.report.completed", Times.format(campaign().completedAt(), this));
        fact(facts, "history.report.quiet-hours", quietHours());
        return facts;
    }

    /** The campaign's quiet hours and what they do, or nothing when it has none. */
    private @Nullable String quietHours() {
        QuietHours quiet = campaign().draft().quietHours();
        return quiet == null ? null : getTranslation("history.report.quiet-hours." + quiet.action().word(),
                quiet.from(), quiet.to());
    }

    /** How many devices the audience matched, or the channel a broadcast went to (Apple counts none). */
    private String audience() {
        if (!campaign().draft().audience().broadcast()) {
            return getTranslation("history.report.audience.count", campaign().audienceCount());
        }
        return campaigns.channel(campaign).map(channel -> getTranslation("history.report.broadcast.channel",
                channel.name(), channel.channelId())).orElse(getTranslation("history.report.broadcast.channel-gone"));
    }

    /** A stored reason after the status, in the reader's language when it is a message key. */
    private String because(@Nullable String storedReason) {
        return storedReason == null ? "" : " · " + StoredReasons.read(getLocale(), storedReason);
    }

    private void fact(FormLayout facts, String labelKey, @Nullable String value) {
        item(facts, getTranslation(labelKey), value);
    }

    /** A header as APNs received it: its value is wire format ("alert", not "Alert"), shown as such. */
    private static void header(FormLayout headers, String name, @Nullable String value) {
        item(headers, name, value).addClassName("wire");
    }

    private static Span item(FormLayout layout, String label, @Nullable String value) {
        Span shown = new Span(value == null || value.isEmpty() ? "—" : value);
        layout.addFormItem(shown, label);
        return shown;
    }

    private Component counters() {
        FlexLayout cards = new FlexLayout();
        cards.addClassName("stat-cards");
        for (DeliveryStatus counted : COUNTED) {
            Span number = new Span("0");
            number.addClassName("stat-value");
            number.setId("count-" + counted.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            counts.put(counted, number);
            Div card = new Div(number, new Span(HistoryText.status(this, counted)));
            card.addClassName("stat-card");
            cards.add(card);
        }
        bar.setWidthFull();
        progressText.setId("progress-text");
        VerticalLayout progress = new VerticalLayout(cards, bar, progressText);
        progress.setPadding(false);
        return progress;
    }

    private void configureReasons() {
        reasons.addColumn(Map.Entry::getKey).setHeader(getTranslation("history.column.reason")).setWidth("7em")
                .setFlexGrow(1);
        reasons.addColumn(Map.Entry::getValue).setHeader(getTranslation("history.report.reason-count"))
                .setWidth("4em").setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        // 21em in all: the three columns fit a 390 px phone, the meaning takes what a desktop adds.
        reasons.addColumn(entry -> HistoryText.meaning(this, entry.getKey()))
                .setHeader(getTranslation("history.report.reason-meaning")).setWidth("10em").setFlexGrow(3);
        reasons.setAllRowsVisible(true);
    }

    /** The payload and headers exactly as the run sent them, fixed at launch. */
    private Component sent(RunSnapshot run) {
        FormLayout headers = new FormLayout();
        headers.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        header(headers, "apns-topic", run.topic());
        header(headers, "apns-push-type", run.pushType());
        header(headers, "apns-priority", String.valueOf(run.priority()));
        item(headers, "apns-expiration", expiration(run));
        header(headers, "apns-collapse-id", run.collapseId());
        item(headers, getTranslation("history.report.throttle"), run.throttlePerMinute() == null ? null
                : getTranslation("history.report.throttle.value", run.throttlePerMinute()));
        Pre payload = new Pre(run.payload());
        payload.addClassName("report-payload");
        VerticalLayout sent = new VerticalLayout(new H3(getTranslation("history.report.sent")),
                new Span(getTranslation("history.report.headers")), headers,
                new Span(getTranslation("history.report.payload", run.payloadBytes())), payload);
        sent.setPadding(false);
        return sent;
    }

    /** A fixed instant, each delivery's release plus a duration, or 0 (APNs tries once). */
    private String expiration(RunSnapshot run) {
        if (run.expiresAt() != null) {
            return run.expiresAt().getEpochSecond() + " (" + Times.format(run.expiresAt(), this) + ")";
        }
        if (run.expiresAfterSeconds() != null) {
            return getTranslation("history.report.expiration.after", run.expiresAfterSeconds() / 60);
        }
        return getTranslation("history.report.expiration.once");
    }

    private Component deliveries() {
        UUID runId = campaign().id();
        return new DeliveryGrid((filter, cursor, limit) -> history.ofCampaign(runId, filter, cursor, limit), 0,
                "history.empty.run").withFilters(List.of(DeliveryStatus.values())).withExport("deliveries-" + runId + ".csv",
                (filter, out) -> exports.ofCampaign(runId, filter).writeTo(out)).onAccessLost(this::showAccessLost);
    }

    /** Shows a progress read (on the UI thread), whether from opening the page or the ticker. */
    void update(RunProgress progress) {
        shown = progress;
        counts.forEach((counted, number) -> number.setText(String.valueOf(progress.count(counted))));
        long open = progress.count(DeliveryStatus.PENDING) + progress.count(DeliveryStatus.IN_FLIGHT);
        long handled = Math.max(0, progress.total() - open);
        bar.setValue(progress.total() == 0 ? 1 : (double) handled / progress.total());
        progressText.setText(getTranslation("history.report.progress", handled, progress.total()));
        status.setText(HistoryText.runStatus(this, progress.status()) + because(progress.stopReason()));
        Objects.requireNonNull(notices, "a launched campaign shows its notices").refresh(progress);
        reasons.setItems(progress.byReason().entrySet().stream().toList());
        reasons.setVisible(!progress.byReason().isEmpty());
        renderActions(progress.status());
        if (abTest != null) {
            abTest.follow(progress.status(), editor);
        }
        drawChartsNowAndThen(progress);
    }

    private void drawChartsNowAndThen(RunProgress progress) {
        Instant now = Instant.now();
        if (progress.status().isFinal() || now.isAfter(chartDrawnAt.plus(CHART_EVERY))) {
            chartDrawnAt = now;
            OutcomeCharts.Chart split = OutcomeCharts.split(getTranslation("history.chart.outcome"), progress,
                    this::getTranslation);
            OutcomeCharts.Chart overTime = OutcomeCharts.overTime(getTranslation("history.chart.throughput"),
                    history.throughput(progress.runId()), BAR_LABELS, this::getTranslation);
            charts.removeAll();
            charts.add(SvgImage.of(overTime.svg(), overTime.alt(), "throughput.svg"),
                    SvgImage.of(split.svg(), split.alt(), "outcome.svg"));
            Optional<AbTestReport> test = showAbTest(progress);
            Objects.requireNonNull(engagement, "a launched campaign shows its engagement")
                    .show(history.engagement(progress.runId()), progress.count(DeliveryStatus.ACCEPTED),
                    history.engagementOverTime(progress.runId()), BAR_LABELS, test.map(AbTestReport::byLanguage)
                            .orElseGet(() -> history.byVariant(progress.runId())));
        }
    }

    /** Only a campaign with a test reads one, and its languages come with it: the log is read once. */
    private Optional<AbTestReport> showAbTest(RunProgress progress) {
        AbTestPanel panel = abTest;
        if (panel == null) {
            return Optional.empty();
        }
        Optional<AbTestReport> report = history.abTest(progress.runId());
        report.ifPresent(shownReport -> panel.show(shownReport, progress.status(), editor));
        panel.setVisible(report.isPresent());
        return report;
    }

    private void pickWinner(int version) {
        perform(() -> {
            campaigns.pickAbTestWinner(campaign().id(), version);
            Feedback.success(getTranslation("history.ab.picked", AbTest.letter(version)));
        });
        // Now rather than at the next chart tick: the pick, or whatever decided the test first, shows at once.
        RunProgress current = shown;
        if (current != null) {
            try {
                showAbTest(current);
            } catch (AccessDeniedException | NotFoundException lost) {
                showAccessLost();
            }
        }
    }

    /** Rebuilds the buttons only when the run's state changed, so a tick never swallows a click. */
    private void renderActions(@Nullable RunStatus run) {
        if (actions.getComponentCount() > 0 && run == actionsFor && editor == actionsForEditor) {
            return;
        }
        actionsFor = run;
        actionsForEditor = editor;
        actions.removeAll();
        if (!editor) {
            return;
        }
        if (run == RunStatus.SENDING) {
            actions.add(action("campaigns.pause", () -> campaigns.pause(campaign().id())));
        }
        if (run == RunStatus.PAUSED) {
            actions.add(action("campaigns.resume", () -> campaigns.resume(campaign().id())));
        }
        if (run == RunStatus.SENDING || run == RunStatus.PAUSED) {
            Button cancel = new Button(getTranslation("campaigns.cancel"), click -> Confirm.destructive(
                    getTranslation("campaigns.cancel.header", campaign().name()),
                    getTranslation("campaigns.cancel.text"), getTranslation("campaigns.cancel"),
                    () -> perform(() -> campaigns.cancel(campaign().id()))));
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(cancel);
        }
        actions.add(new Button(getTranslation("campaigns.duplicate"), click -> {
            Campaign copy = campaigns.duplicate(campaign().id());
            UI.getCurrent().navigate("campaigns/compose/" + copy.id());
        }));
    }

    private Button action(String key, Runnable action) {
        return new Button(getTranslation(key), click -> perform(action));
    }

    private void perform(Runnable action) {
        try {
            action.run();
            history.progress(campaign().id()).ifPresent(this::update);
            watchWhileOpen();
        } catch (RuntimeException failure) {
            Feedback.error(failure);
        }
    }

    private void watchWhileOpen() {
        if (watching != null || shown == null || shown.status().isFinal() || !isAttached()) {
            return;
        }
        UI ui = getUI().orElseThrow();
        PushdeckPrincipal reader = actor.require();
        UUID team = Objects.requireNonNull(reader.teamId(), "a report is read in a team");
        watching = ticker.watch(ui, team, campaign().id(), reader.id(), new ProgressTicker.Watch() {
            @Override
            public void progress(RunProgress progress, Role role) {
                // The same session may have switched team in another tab since.
                if (!team.equals(actor.principal().map(PushdeckPrincipal::teamId).orElse(null))) {
                    showAccessLost();
                    return;
                }
                editor = role.includes(Role.EDITOR);
                updateWhileAllowed(progress);
                if (progress.status().isFinal()) {
                    stopWatching();
                }
            }

            @Override
            public void accessLost() {
                showAccessLost();
            }
        });
    }

    private void updateWhileAllowed(RunProgress progress) {
        try {
            update(progress);
        } catch (AccessDeniedException | NotFoundException lost) {
            showAccessLost();
        }
    }

    /** The campaign shown: the handlers run only once {@link #show} set it. */
    private Campaign campaign() {
        return Objects.requireNonNull(campaign, "the report shows a campaign");
    }

    private void stopWatching() {
        if (watching != null) {
            watching.remove();
            watching = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        watchWhileOpen();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopWatching();
    }

    @Override
    public String getPageTitle() {
        Campaign shownCampaign = campaign;
        String name = shownCampaign == null ? getTranslation("history.report.title") : shownCampaign.name();
        return name + " · " + getTranslation("app.name");
    }
}
