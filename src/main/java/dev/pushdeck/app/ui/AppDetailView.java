package dev.pushdeck.app.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.ConnectionCheck;
import dev.pushdeck.app.Credential;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.RegistrationDefaults;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.RowMenu;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One app: its status per environment, its credentials (admins check and delete them here and
 * upload in the {@link CredentialUploadForm}), for admins its keys ({@link AppKeysPanel}) and
 * registration limits, and its frequency cap. Another team's app id shows "not found".
 */
@Route("apps/:appId")
@PermitAll
class AppDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final transient AppService apps;
    private final transient CredentialService credentials;
    private final transient AppKeyService keys;
    private final transient RegistrationDefaults registrationDefaults;
    private final boolean admin;
    private @Nullable PushApp app;

    private final HorizontalLayout statusRow = new HorizontalLayout();
    private final Grid<Credential> credentialGrid = new Grid<>();
    private final Paragraph noCredentials = new Paragraph();
    /** The admin's credential upload for the app shown; none for others or before an app is found. */
    @Nullable CredentialUploadForm upload;

    AppDetailView(AppService apps, CredentialService credentials, AppKeyService keys,
                  RegistrationDefaults registrationDefaults, CurrentActor actor) {
        this.apps = apps;
        this.registrationDefaults = registrationDefaults;
        this.credentials = credentials;
        this.keys = keys;
        Role role = actor.require().role();
        this.admin = role != null && role.includes(Role.ADMIN);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        try {
            app = apps.get(UUID.fromString(event.getRouteParameters().get("appId").orElse("")));
        } catch (NotFoundException | IllegalArgumentException e) {
            app = null;
            add(new H2(getTranslation("error.not-found")));
            return;
        }
        H2 title = new H2(app().name());
        Span bundle = new Span(app().bundleId());
        bundle.addClassName("bundle-id");
        statusRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        Anchor channels = new Anchor("apps/" + app().id() + "/channels", getTranslation("app.channels.link"));
        channels.addClassName("channels-link");
        add(title, bundle, statusRow, channels, new H3(getTranslation("credentials.title")), configureCredentialGrid(),
                noCredentials);
        noCredentials.addClassName("empty-state");
        noCredentials.setText(getTranslation("credentials.empty"));
        if (admin) {
            upload = new CredentialUploadForm(credentials, app().id(), this::refresh);
            add(upload, new AppKeysPanel(keys, app().id()), new RegistrationLimitsForm(apps, registrationDefaults, app()));
        }
        add(new FrequencyCapForm(apps, app(), admin));
        refresh();
    }

    // --- Credentials -----------------------------------------------------------------

    private Grid<Credential> configureCredentialGrid() {
        credentialGrid.removeAllColumns();
        credentialGrid.addClassName("credentials");
        credentialGrid.addColumn(c -> getTranslation("credentials.kind." + c.kind().name().toLowerCase(Locale.ROOT)))
                .setHeader(getTranslation("credentials.kind")).setWidth("7em").setFlexGrow(0);
        credentialGrid.addColumn(c -> getTranslation("env." + c.environment().wire()))
                .setHeader(getTranslation("credentials.environment")).setWidth("5em").setFlexGrow(1);
        credentialGrid.addColumn(c -> c.isActive() ? getTranslation("credentials.in-use") : getTranslation(
                "credentials.replaced")).setHeader(getTranslation("credentials.state")).setWidth("5em").setFlexGrow(1);
        credentialGrid.addColumn(c -> c.subject() != null ? c.subject()
                : getTranslation("credentials.token-key", c.keyId(), c.teamId()))
                .setHeader(getTranslation("credentials.subject")).setWidth("7em").setFlexGrow(2);
        credentialGrid.addColumn(c -> String.join(", ", c.topics())).setHeader(getTranslation("credentials.topics"))
                .setWidth("6em").setFlexGrow(1);
        credentialGrid.addColumn(c -> Times.utcDate(c.notBefore(), this))
                .setHeader(getTranslation("credentials.valid-from")).setWidth("6em").setFlexGrow(1);
        credentialGrid.addColumn(c -> c.notAfter() == null ? getTranslation("credentials.no-expiry")
                : Times.utcDate(c.notAfter(), this)).setHeader(getTranslation("credentials.valid-until"))
                .setWidth("6em").setFlexGrow(1);
        credentialGrid.addColumn(c -> c.fingerprintSha256().substring(0, 16) + "…")
                .setHeader(getTranslation("credentials.fingerprint")).setWidth("6em").setFlexGrow(0).setTooltipGenerator(Credential::fingerprintSha256);
        credentialGrid.addColumn(c -> c.createdBy() + ", " + Times.format(c.createdAt(), this))
                .setHeader(getTranslation("credentials.uploaded-at")).setWidth("8em").setFlexGrow(1);
        if (admin) {
            credentialGrid.addComponentColumn(this::credentialActions).setKey("actions").setFlexGrow(0)
                    .setWidth("4em");
        }
        credentialGrid.setAllRowsVisible(true);
        return credentialGrid;
    }

    private Component credentialActions(Credential credential) {
        RowMenu menu = new RowMenu();
        menu.add(getTranslation("credentials.check"), () -> check(credential));
        menu.addDestructive(getTranslation("action.delete"), () -> Confirm.destructive(
                getTranslation("credentials.delete.header"), getTranslation(credential.isActive()
                        ? "credentials.delete.text.active" : "credentials.delete.text"),
                getTranslation("action.delete"), () -> {
                    credentials.delete(app().id(), credential.id());
                    Feedback.success(getTranslation("credentials.deleted"));
                    refresh();
                }));
        return menu.component();
    }

    private void check(Credential credential) {
        ConnectionCheck result = credentials.check(app().id(), credential.id());
        String text = getTranslation("check.result." + result.result().name()) + " " + result.message(getLocale());
        if (result.result() == ConnectionCheck.Result.ACCEPTED) {
            Feedback.success(text);
        } else {
            Feedback.error(text);
        }
    }

    // --- Common ----------------------------------------------------------------------

    private void refresh() {
        Map<ApnsEnvironment, EnvironmentStatus> status = Objects.requireNonNull(
                credentials.statuses(List.of(app().id())).get(app().id()), "statuses answer for every app asked");
        statusRow.removeAll();
        status.values().forEach(s -> statusRow.add(new Span(getTranslation("env." + s.environment().wire()) + ":"),
                UiFormat.badge(this, s)));
        List<Credential> all = credentials.list(app().id());
        credentialGrid.setItems(all);
        credentialGrid.setVisible(!all.isEmpty());
        noCredentials.setVisible(all.isEmpty());
    }

    /** The app shown: the handlers run only once {@link #beforeEnter} found it. */
    private PushApp app() {
        return Objects.requireNonNull(app, "the view shows an app");
    }

    @Override
    public String getPageTitle() {
        PushApp shown = app;
        return (shown == null ? getTranslation("nav.apps") : shown.name()) + " · " + getTranslation("app.name");
    }
}
