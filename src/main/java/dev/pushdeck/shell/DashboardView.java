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
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.ExpiringCredential;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.tenancy.MemberService;
import dev.pushdeck.tenancy.Team;
import dev.pushdeck.tenancy.TeamService;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** The start page: the current team at a glance, with real counts of what exists. */
@Route("")
@Menu(order = 0, icon = "vaadin:dashboard", title = "nav.dashboard")
@PermitAll
class DashboardView extends VerticalLayout implements HasDynamicTitle {

    private static final int NEXT_CAMPAIGNS = 5;

    DashboardView(CurrentActor actor, TeamService teams, MemberService members, ApiTokenService tokens,
                  AppService apps, CredentialService credentials, CampaignService campaigns) {
        addClassName("dashboard");
        PushdeckPrincipal me = actor.require();
        if (me.teamId() == null) {
            add(new H2(getTranslation("dashboard.no-team.title")),
                    new Paragraph(getTranslation(me.instanceAdmin() ? "dashboard.no-team.instance-admin"
                            : "dashboard.no-team.text")));
            return;
        }
        Team team = teams.current();
        add(new H2(team.name()), new Paragraph(getTranslation("dashboard.role", getTranslation(me.role().labelKey()))));
        if (me.role().includes(Role.ADMIN)) {
            expiryWarnings(credentials.expiringSoon());
        }
        add(cards(me, members, tokens, apps, campaigns));
        scheduledNext(campaigns.list(new CampaignFilter(CampaignStatus.SCHEDULED, null, null), 0, NEXT_CAMPAIGNS));
    }

    private Component cards(PushdeckPrincipal me, MemberService members, ApiTokenService tokens, AppService apps,
                            CampaignService campaigns) {
        FlexLayout cards = new FlexLayout();
        cards.addClassName("stat-cards");
        cards.add(card("dashboard.apps", apps.count(), "apps"));
        cards.add(card("dashboard.scheduled", campaigns.count(
                new CampaignFilter(CampaignStatus.SCHEDULED, null, null)), "campaigns"));
        cards.add(card("dashboard.drafts", campaigns.count(
                new CampaignFilter(CampaignStatus.DRAFT, null, null)), "campaigns"));
        cards.add(card("dashboard.members", members.list().size(), null));
        if (me.role().includes(Role.ADMIN)) {
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
                    Times.format(credential.notAfter(), getLocale())));
            line.getElement().getThemeList().addAll(List.of("badge", credential.expired() ? "error" : "warning"));
            banner.add(new Div(line));
        });
        add(banner);
    }

    private void scheduledNext(List<Campaign> next) {
        add(new H3(getTranslation("dashboard.scheduled-next")));
        if (next.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("dashboard.scheduled-none"));
            none.addClassName("empty-state");
            add(none);
            return;
        }
        next.forEach(campaign -> add(new Div(new Span(Times.format(campaign.scheduledAt(), getLocale()) + " · "),
                new Anchor("campaigns/compose/" + campaign.id(), campaign.name()))));
    }

    private Component card(String labelKey, long value, String link) {
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
