package dev.pushdeck.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.AccountSessions;
import dev.pushdeck.security.OpenSession;
import dev.pushdeck.security.TwoFactorService;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.NewPasswordFields;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in person's own account: who they are, changing their password (which ends
 * their other sessions), two-factor sign-in, and their open sessions, each of which they can
 * end. A team that requires two-factor sign-in sends its members here until they have set it
 * up ({@link TwoFactorRequirement}).
 */
@Route("account")
@PermitAll
class AccountView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    /** Browser and system names in user-agent strings, most specific first (Edge also says Chrome). */
    private static final List<String[]> BROWSERS = List.of(new String[] {"Edg/", "Edge"},
            new String[] {"OPR/", "Opera"}, new String[] {"Firefox/", "Firefox"}, new String[] {"Chrome/", "Chrome"},
            new String[] {"Safari/", "Safari"});
    private static final List<String[]> SYSTEMS = List.of(new String[] {"iPhone", "iOS"},
            new String[] {"iPad", "iPadOS"}, new String[] {"Android", "Android"}, new String[] {"Windows", "Windows"},
            new String[] {"Mac OS X", "macOS"}, new String[] {"Linux", "Linux"});

    private final transient UserService users;
    private final transient AccountSessions sessions;
    private final PasswordField current = new PasswordField();
    private final NewPasswordFields fresh = new NewPasswordFields(UserService.MIN_PASSWORD_LENGTH);
    final Grid<OpenSession> sessionGrid = new Grid<>();
    private final Paragraph required = new Paragraph();

    AccountView(UserService users, AccountSessions sessions, TwoFactorService twoFactor) {
        this.users = users;
        this.sessions = sessions;
        required.setText(getTranslation("two-factor.required-by-team"));
        required.addClassName("two-factor-required");
        required.setId("two-factor-required");
        required.setVisible(false);
        add(required);
        UserAccount me = users.me();
        add(new H2(getTranslation("account.title")), new Paragraph(me.displayName() + " · " + me.email()));
        current.setLabel(getTranslation("account.current-password"));
        Button change = new Button(getTranslation("account.change-password"), event -> changePassword());
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        change.setId("change-password");
        FormLayout form = new FormLayout(current, fresh.password(), fresh.repeat());
        form.setMaxWidth("28rem");
        add(form, change, new TwoFactorSection(twoFactor), sessionsSection());
        refreshSessions();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        required.setVisible(event.getLocation().getQueryParameters().getParameters()
                .containsKey(TwoFactorRequirement.REQUIRED));
    }

    private Component sessionsSection() {
        sessionGrid.addColumn(session -> browser(session.userAgent())).setHeader(getTranslation("sessions.browser"))
                .setAutoWidth(true);
        sessionGrid.addColumn(session -> session.clientAddress() == null ? "—" : session.clientAddress())
                .setHeader(getTranslation("sessions.address"));
        sessionGrid.addColumn(session -> Times.format(session.startedAt(), this))
                .setHeader(getTranslation("sessions.started"));
        sessionGrid.addColumn(session -> Times.format(session.lastSeenAt(), this))
                .setHeader(getTranslation("sessions.last-seen"));
        sessionGrid.addComponentColumn(this::sessionAction).setFlexGrow(0).setAutoWidth(true);
        sessionGrid.setAllRowsVisible(true);
        Button endOthers = new Button(getTranslation("sessions.end-others"), event -> Confirm.destructive(
                getTranslation("sessions.end-others"), getTranslation("sessions.end-others.text"),
                getTranslation("sessions.end-others"), () -> {
                    int ended = sessions.endOthers();
                    Feedback.success(getTranslation("sessions.others-ended", ended));
                    refreshSessions();
                }));
        endOthers.setId("end-other-sessions");
        VerticalLayout section = new VerticalLayout(new HorizontalLayout(new H3(getTranslation("sessions.title")),
                endOthers), new Paragraph(getTranslation("sessions.text")), sessionGrid);
        section.setPadding(false);
        return section;
    }

    private Component sessionAction(OpenSession session) {
        if (session.current()) {
            Span here = new Span(getTranslation("sessions.current"));
            here.getElement().getThemeList().add("badge success");
            return here;
        }
        Button end = new Button(getTranslation("sessions.end"), event -> {
            sessions.end(session.id());
            Feedback.success(getTranslation("sessions.ended"));
            refreshSessions();
        });
        end.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return end;
    }

    private void changePassword() {
        current.setInvalid(false);
        fresh.value().ifPresent(chosen -> {
            try {
                int ended = users.changeOwnPassword(current.getValue(), chosen);
                current.clear();
                fresh.clear();
                Feedback.success(getTranslation("account.password-changed", ended));
                refreshSessions();
            } catch (ValidationException e) {
                if ("currentPassword".equals(e.errors().get(0).field())) {
                    current.setInvalid(true);
                    current.setErrorMessage(e.message(getLocale()));
                } else {
                    fresh.refuse(e.message(getLocale()));
                }
            }
        });
    }

    private void refreshSessions() {
        sessionGrid.setItems(sessions.mine());
    }

    /** "Firefox on Linux" from a user-agent string; the raw string (shortened) when it names neither. */
    private String browser(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return getTranslation("sessions.unknown-browser");
        }
        String browser = nameIn(userAgent, BROWSERS);
        String system = nameIn(userAgent, SYSTEMS);
        if (browser == null || system == null) {
            return userAgent.length() > 60 ? userAgent.substring(0, 60) + "…" : userAgent;
        }
        return getTranslation("sessions.browser-on", browser, system);
    }

    private static @Nullable String nameIn(String userAgent, List<String[]> markersAndNames) {
        return markersAndNames.stream().filter(pair -> userAgent.contains(pair[0])).map(pair -> pair[1]).findFirst()
                .orElse(null);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.title") + " · " + getTranslation("app.name");
    }
}
