package dev.pushdeck.history.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
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
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * What became of one campaign: its facts ({@link CampaignFacts}), live counts and progress while
 * it sends ({@link RunCounters}, pushed by {@link ProgressTicker}, no reload), outage and
 * marked-device notices ({@link RunNotices}), rejections explained ({@link RejectionReasons}),
 * charts, what exactly was sent ({@link SentPanel}), the actions the reader's role allows
 * ({@link RunActions}), and its delivery log. The view itself finds the campaign, loads its
 * progress, follows the ticker and hands each read to its parts. Every read asks again who is
 * reading ({@link DeliveryHistory}, {@link RunNotices}); a reader removed from the team, or who
 * switched team in another tab, sees "you no longer have access" and the live updates stop.
 */
@Route("campaigns/:campaignId/report")
@RolesAllowed(Roles.VIEWER)
class CampaignReportView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String CAMPAIGN_ID = "campaignId";
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

    /** The campaign's facts and status; null until a campaign is shown. */
    @Nullable CampaignFacts facts;
    final RunCounters counters = new RunCounters();
    final RejectionReasons reasons = new RejectionReasons();
    private final RunActions actions;
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
        this.actions = new RunActions(campaigns, this::perform);
        addClassName("campaign-report");
        charts.addClassName("report-charts");
        broadcastNote.addClassName("broadcast-note");
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
        counters.clear();
        removeAll();
        add(new H2(getTranslation("history.report.title")), HistoryText.emptyState(this, "history.report.not-found"));
    }

    /** The reader may no longer see this team's report: nothing of it stays on screen. */
    void showAccessLost() {
        stopWatching();
        campaign = null;
        shown = null;
        counters.clear();
        removeAll();
        add(new H2(getTranslation("history.report.title")), HistoryText.accessLost(this));
    }

    private void show(Campaign shownCampaign) {
        removeAll();
        actions.clear();
        counters.clear();
        shown = null;
        chartDrawnAt = Instant.MIN;
        campaign = shownCampaign;
        facts = new CampaignFacts(shownCampaign, apps, campaigns);
        add(new Anchor("campaigns", getTranslation("history.report.back")), new H2(campaign().name()), facts);
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
        counters.start();
        add(actions, notices, counters, engagement);
        if (abTest != null) {
            add(abTest);
        }
        add(new H3(getTranslation("history.report.reasons")), reasons, charts);
        add(new SentPanel(history.snapshot(campaign().id())));
        add(new H3(getTranslation("history.report.deliveries")), deliveries());
        update(progress.get());
        watchWhileOpen();
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
        counters.show(progress);
        Objects.requireNonNull(facts, "a shown campaign shows its facts").showStatus(progress);
        Objects.requireNonNull(notices, "a launched campaign shows its notices").refresh(progress);
        reasons.show(progress);
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

    private void renderActions(@Nullable RunStatus run) {
        actions.follow(campaign(), run, editor);
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
