package dev.pushdeck.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.app.ExpiringCredential;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.history.DeliveryHistory;
import dev.pushdeck.history.OutcomeCharts;
import dev.pushdeck.history.TeamStats;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.i18n.StoredReasons;
import dev.pushdeck.shared.ui.SvgImage;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.tenancy.MemberService;
import dev.pushdeck.tenancy.Team;
import dev.pushdeck.tenancy.TeamService;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The start page: the current team at a glance, with real counts of what exists. */
@Route("")
@Menu(order = 0, icon = "vaadin:dashboard", title = "nav.dashboard")
@PermitAll
class DashboardView extends VerticalLayout implements HasDynamicTitle {

    private static final int NEXT_CAMPAIGNS = 5;

    DashboardView(CurrentActor actor, TeamService teams, MemberService members, ApiTokenService tokens,
                  AppService apps, CredentialService credentials, CampaignService campaigns, DeliveryHistory history,
                  Clock clock) {
        addClassName("dashboard");
        PushdeckPrincipal me = actor.require();
        Role role = me.role();
        if (me.teamId() == null || role == null) {
            add(new H2(getTranslation("dashboard.no-team.title")),
                    new Paragraph(getTranslation(me.instanceAdmin() ? "dashboard.no-team.instance-admin"
                            : "dashboard.no-team.text")));
            return;
        }
        Team team = teams.current();
        add(new H2(team.name()), new Paragraph(getTranslation("dashboard.role", getTranslation(role.labelKey()))));
        if (role.includes(Role.ADMIN)) {
            expiryWarnings(credentials.expiringSoon());
        }
        add(cards(role, members, tokens, apps, campaigns));
        Instant now = clock.instant();
        sendingStats(history.teamStats(now.minus(Duration.ofDays(1))),
                history.teamStats(now.minus(Duration.ofDays(7))));
        sendingNow(campaigns.list(new CampaignFilter(CampaignStatus.SENDING, null, null), 0, NEXT_CAMPAIGNS));
        scheduledNext(campaigns.list(new CampaignFilter(CampaignStatus.SCHEDULED, null, null), 0, NEXT_CAMPAIGNS));
        pausedApps(apps.all(), credentials);
    }

    private Component cards(Role role, MemberService members, ApiTokenService tokens, AppService apps,
                            CampaignService campaigns) {
        FlexLayout cards = new FlexLayout();
        cards.addClassName("stat-cards");
        cards.add(card("dashboard.apps", apps.count(), "apps"));
        cards.add(card("dashboard.scheduled", campaigns.count(
                new CampaignFilter(CampaignStatus.SCHEDULED, null, null)), "campaigns"));
        cards.add(card("dashboard.drafts", campaigns.count(
                new CampaignFilter(CampaignStatus.DRAFT, null, null)), "campaigns"));
        cards.add(card("dashboard.members", members.list().size(), null));
        if (role.includes(Role.ADMIN)) {
            cards.add(card("dashboard.tokens", tokens.list().size(), "team/tokens"));
        }
        return cards;
    }

    private void expiryWarnings(List<ExpiringCredential> expiring) {
        if (expiring.isEmpty()) {
            return;
        }
        Div banner = new Div();
        banner.addClassName("expiry-banner");
        expiring.forEach(credential -> {
            Anchor line = new Anchor("apps/" + credential.appId(), getTranslation(
                    credential.expired() ? "expiry.banner.expired" : "expiry.banner", credential.appName(),
                    getTranslation("env." + credential.environment().wire()),
                    Times.format(credential.notAfter(), this)));
            line.getElement().getThemeList().addAll(List.of("badge", credential.expired() ? "error" : "warning"));
            banner.add(new Div(line));
        });
        add(banner);
    }

    /** What APNs made of the team's notifications in the last day and week, and a chart of the week. */
    private void sendingStats(TeamStats day, TeamStats week) {
        add(new H3(getTranslation("dashboard.sending")));
        FlexLayout cards = new FlexLayout();
        cards.addClassName("stat-cards");
        cards.setId("sending-stats");
        periodCards(cards, day, getTranslation("dashboard.period.day"));
        periodCards(cards, week, getTranslation("dashboard.period.week"));
        OutcomeCharts.Chart chart = OutcomeCharts.overTime(getTranslation("dashboard.chart"), week.buckets(),
                DateTimeFormatter.ofPattern("d MMM HH:00", getLocale()), this::getTranslation);
        add(cards, SvgImage.of(chart.svg(), chart.alt(), "week.svg"));
    }

    private void periodCards(FlexLayout cards, TeamStats stats, String period) {
        cards.add(stat("dashboard.sent", period, stats.sent()), stat("dashboard.accepted", period, stats.accepted()),
                stat("dashboard.rejected", period, stats.rejected()), stat("dashboard.failed", period, stats.failed()));
    }

    private Component stat(String labelKey, String period, long value) {
        Span number = new Span(String.valueOf(value));
        number.addClassName("stat-value");
        Div card = new Div(number, new Span(getTranslation(labelKey)), new Span(period));
        card.addClassName("stat-card");
        return card;
    }

    private void sendingNow(List<Campaign> sending) {
        add(new H3(getTranslation("dashboard.sending-now")));
        if (sending.isEmpty()) {
            add(emptyState("dashboard.sending-none"));
        }
        sending.forEach(campaign -> add(new Div(new Anchor("campaigns/" + campaign.id() + "/report",
                campaign.name()))));
    }

    /** Apps that may not send, in one environment or all, and why (e.g. a refused credential). */
    private void pausedApps(List<PushApp> apps, CredentialService credentials) {
        Map<UUID, Map<ApnsEnvironment, EnvironmentStatus>> statuses = credentials.statuses(
                apps.stream().map(PushApp::id).toList());
        List<Component> lines = new ArrayList<>();
        for (PushApp app : apps) {
            String appPaused = app.pausedReason();
            if (appPaused != null) {
                lines.add(pausedLine(app, app.name(), appPaused));
            }
            statuses.getOrDefault(app.id(), Map.of()).values().forEach(status -> {
                String paused = status.pausedReason();
                if (paused != null) {
                    String label = app.name() + " · " + getTranslation("env." + status.environment().wire());
                    lines.add(pausedLine(app, label, paused));
                }
            });
        }
        if (!lines.isEmpty()) {
            add(new H3(getTranslation("dashboard.paused")));
            lines.forEach(this::add);
        }
    }

    private Component pausedLine(PushApp app, String label, String reason) {
        Anchor line = new Anchor("apps/" + app.id(), getTranslation("dashboard.paused.line", label,
                StoredReasons.read(getLocale(), reason)));
        line.getElement().getThemeList().addAll(List.of("badge", "error"));
        return new Div(line);
    }

    private Paragraph emptyState(String key) {
        Paragraph none = new Paragraph(getTranslation(key));
        none.addClassName("empty-state");
        return none;
    }

    private void scheduledNext(List<Campaign> next) {
        add(new H3(getTranslation("dashboard.scheduled-next")));
        if (next.isEmpty()) {
            add(emptyState("dashboard.scheduled-none"));
            return;
        }
        next.forEach(campaign -> add(new Div(new Span(Times.format(campaign.scheduledAt(), this) + " · "),
                new Anchor("campaigns/compose/" + campaign.id(), campaign.name()))));
    }

    private Component card(String labelKey, long value, @Nullable String link) {
        Span number = new Span(String.valueOf(value));
        number.addClassName("stat-value");
        Div card = new Div(number, new Span(getTranslation(labelKey)));
        card.addClassName("stat-card");
        return link == null ? card : new Anchor(link, card);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.dashboard") + " · " + getTranslation("app.name");
    }
}
