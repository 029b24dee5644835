package dev.pushdeck.tenancy.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.tenancy.TeamSecurityService;
import dev.pushdeck.tenancy.TeamSecurityService.MemberSignIn;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;

/**
 * How the team signs in: who has two-factor sign-in (admins see it), and the owners'
 * switch that requires it from every member.
 */
@Route("team/sign-in")
@Menu(order = 92, icon = "vaadin:lock", title = "nav.team-sign-in")
@RolesAllowed(Roles.ADMIN)
class TeamSecurityView extends VerticalLayout implements HasDynamicTitle {

    private final transient TeamSecurityService security;
    private final Grid<MemberSignIn> grid = new Grid<>();

    TeamSecurityView(TeamSecurityService security, CurrentActor actor) {
        this.security = security;
        Checkbox required = new Checkbox(getTranslation("team-sign-in.require"),
                security.currentTeamRequiresTwoFactor());
        required.setId("require-two-factor");
        required.setEnabled(Role.OWNER.equals(actor.require().role()));
        required.setHelperText(getTranslation(required.isEnabled() ? "team-sign-in.require.help"
                : "team-sign-in.require.owners-only"));
        required.addValueChangeListener(event -> {
            if (event.isFromClient()) {
                security.requireTwoFactor(event.getValue());
                Feedback.success(getTranslation(event.getValue() ? "team-sign-in.required"
                        : "team-sign-in.optional"));
            }
        });
        grid.addColumn(MemberSignIn::email).setHeader(getTranslation("team-sign-in.member")).setSortable(true)
                .setComparator(Comparator.comparing(MemberSignIn::email, String.CASE_INSENSITIVE_ORDER));
        grid.addColumn(member -> getTranslation(member.twoFactor() ? "team-sign-in.on" : "team-sign-in.off"))
                .setHeader(getTranslation("team-sign-in.two-factor")).setSortable(true)
                .setComparator(Comparator.comparing(MemberSignIn::twoFactor));
        grid.setItems(security.members());
        grid.setAllRowsVisible(true);
        add(new H2(getTranslation("nav.team-sign-in")), new Paragraph(getTranslation("team-sign-in.explained")),
                required, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.team-sign-in") + " · " + getTranslation("app.name");
    }
}
