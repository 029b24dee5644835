package dev.pushdeck.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.tenancy.MemberService;
import dev.pushdeck.tenancy.Team;
import dev.pushdeck.tenancy.TeamService;
import jakarta.annotation.security.PermitAll;

/** The start page: the current team at a glance, with real counts of what exists. */
@Route("")
@Menu(order = 0, icon = "vaadin:dashboard", title = "nav.dashboard")
@PermitAll
class DashboardView extends VerticalLayout implements HasDynamicTitle {

    DashboardView(CurrentActor actor, TeamService teams, MemberService members, ApiTokenService tokens) {
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
        FlexLayout cards = new FlexLayout();
        cards.addClassName("stat-cards");
        cards.add(card("dashboard.members", members.list().size()));
        if (me.role().includes(Role.ADMIN)) {
            cards.add(card("dashboard.tokens", tokens.list().size()));
        }
        cards.add(card("dashboard.my-teams", teams.myTeams().size()));
        add(cards);
    }

    private Component card(String labelKey, long value) {
        Span number = new Span(String.valueOf(value));
        number.addClassName("stat-value");
        Div card = new Div(number, new Span(getTranslation(labelKey)));
        card.addClassName("stat-card");
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.dashboard") + " · " + getTranslation("app.name");
    }
}
