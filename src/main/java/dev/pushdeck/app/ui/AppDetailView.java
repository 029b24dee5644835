package dev.pushdeck.app.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppKeyInfo;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.ConnectionCheck;
import dev.pushdeck.app.CreatedAppKey;
import dev.pushdeck.app.Credential;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.EnvironmentCoverage;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.RegistrationDefaults;
import dev.pushdeck.app.TopicMismatchException;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.OnceShownSecret;
import dev.pushdeck.shared.ui.RowMenu;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One app: its status per environment, its credentials (admins upload, check and delete)
 * and, for admins, its app keys. Another team's app id shows "not found".
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
    private final Grid<AppKeyInfo> keyGrid = new Grid<>();
    private final Paragraph noKeys = new Paragraph();

    // The upload form; the file lives only in memory until it is sent to the service.
    private final PasswordField passphrase = new PasswordField();
    private final Select<EnvironmentCoverage> environment = new Select<>();
    private final TextField keyId = new TextField();
    private final TextField teamId = new TextField();
    private final Span chosenFile = new Span();
    private byte @Nullable [] file;

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
            add(uploadForm(), new H3(getTranslation("keys.title")), keyActions(), configureKeyGrid(), noKeys,
                    new RegistrationLimitsForm(apps, registrationDefaults, app()));
            noKeys.addClassName("empty-state");
            noKeys.setText(getTranslation("keys.empty"));
        }
        add(new FrequencyCapForm(apps, app(), admin));
        refresh();
    }

    // --- Credentials -----------------------------------------------------------------

    private Grid<Credential> configureCredentialGrid() {
        credentialGrid.removeAllColumns();
        credentialGrid.addClassName("credentials");
        credentialGrid.addColumn(c -> getTranslation("credentials.kind." + c.kind().name().toLowerCase(Locale.ROOT)))
                .setHeader(getTranslation("credentials.kind")).setWidth("5em").setFlexGrow(0);
        credentialGrid.addColumn(c -> getTranslation("env." + c.environment().wire()))
                .setHeader(getTranslation("credentials.environment")).setWidth("5em").setFlexGrow(1);
        credentialGrid.addColumn(c -> c.isActive() ? getTranslation("credentials.in-use") : getTranslation(
                "credentials.replaced")).setHeader(getTranslation("credentials.state")).setWidth("5em").setFlexGrow(1);
        credentialGrid.addColumn(c -> c.subject() != null ? c.subject()
                : getTranslation("credentials.token-key", c.keyId(), c.teamId()))
                .setHeader(getTranslation("credentials.subject")).setWidth("9em").setFlexGrow(2);
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

    private Div uploadForm() {
        H3 heading = new H3(getTranslation("credentials.upload.title"));
        Upload upload = new Upload(new CappedUpload());
        upload.setId("credential-upload");
        upload.setMaxFileSize(CredentialUpload.MAX_BYTES);
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".p12", ".pfx", ".pem", ".p8", ".cer", ".crt", ".key", ".txt");
        upload.setDropLabel(new Span(getTranslation("credentials.upload.hint")));
        chosenFile.addClassName("chosen-file");
        passphrase.setLabel(getTranslation("credentials.passphrase"));
        passphrase.setId("credential-passphrase");
        environment.setLabel(getTranslation("credentials.environment"));
        environment.setId("credential-environment");
        environment.setItems(EnvironmentCoverage.values());
        environment.setItemLabelGenerator(e -> getTranslation("env." + e.wire()));
        environment.setValue(EnvironmentCoverage.SANDBOX);
        keyId.setLabel(getTranslation("credentials.key-id"));
        keyId.setId("credential-key-id");
        keyId.setMaxLength(10);
        teamId.setLabel(getTranslation("credentials.team-id"));
        teamId.setId("credential-team-id");
        teamId.setMaxLength(10);
        Button send = new Button(getTranslation("credentials.upload.button"), event -> submit(false));
        send.setId("upload-credential");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout fields = new FormLayout(passphrase, environment, keyId, teamId);
        Div form = new Div(heading, upload, chosenFile, fields, send);
        form.addClassName("credential-upload");
        return form;
    }

    /** Receives the chosen file (from the upload handler, or a test) and keeps it in memory. */
    void received(String fileName, byte[] bytes) {
        file = bytes;
        chosenFile.setText(getTranslation("credentials.upload.chosen", fileName, bytes.length));
    }

    void submit(boolean confirmTopicMismatch) {
        if (file == null) {
            Feedback.error(getTranslation("error.credential.empty"));
            return;
        }
        CredentialUpload upload = new CredentialUpload(file == null ? new byte[0] : file, emptyToNull(passphrase.getValue()),
                environment.getValue() == null ? null : environment.getValue().wire(), emptyToNull(keyId.getValue()),
                emptyToNull(teamId.getValue()), confirmTopicMismatch);
        try {
            Credential stored = credentials.upload(app().id(), upload);
            file = null;
            chosenFile.setText("");
            passphrase.clear();
            Feedback.success(getTranslation("credentials.uploaded", stored.kind().name(),
                    getTranslation("env." + stored.environment().wire())));
            refresh();
        } catch (TopicMismatchException e) {
            confirmTopicMismatch(e);
        } catch (PushdeckException e) {
            Feedback.error(e.message(getLocale()));
        }
    }

    private void confirmTopicMismatch(TopicMismatchException mismatch) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("topic-mismatch");
        dialog.setHeader(getTranslation("credentials.topic.header"));
        dialog.setText(mismatch.message(getLocale()));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("action.cancel"));
        dialog.setConfirmText(getTranslation("credentials.topic.confirm"));
        dialog.addConfirmListener(event -> submit(true));
        dialog.open();
    }

    /**
     * Keeps at most 64 KB (+1 byte, to notice more) in memory; the service refuses anything
     * larger, and the servlet upload limit stops bigger requests before they are read.
     */
    private final class CappedUpload implements UploadHandler {

        @Override
        public void handleUploadRequest(UploadEvent event) throws IOException {
            byte[] bytes;
            try (InputStream in = event.getInputStream()) {
                bytes = in.readNBytes(CredentialUpload.MAX_BYTES + 1);
            }
            String name = event.getFileName();
            UI ui = event.getUI();
            ui.access(() -> received(name, bytes));
        }

        @Override
        public long getFileSizeMax() {
            return CredentialUpload.MAX_BYTES;
        }
    }

    // --- App keys ------------------------------------------------------------------------

    private HorizontalLayout keyActions() {
        TextField name = new TextField();
        name.setPlaceholder(getTranslation("keys.name"));
        name.setId("key-name");
        Button create = new Button(getTranslation("keys.create"), event -> {
            try {
                CreatedAppKey created = keys.create(app().id(), name.getValue());
                name.clear();
                refresh();
                OnceShownSecret.show(getTranslation("keys.created", created.name()), created.key());
            } catch (ValidationException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.message(getLocale()));
            }
        });
        create.setId("create-key");
        return new HorizontalLayout(name, create);
    }

    private Grid<AppKeyInfo> configureKeyGrid() {
        keyGrid.removeAllColumns();
        keyGrid.addClassName("app-keys");
        keyGrid.addColumn(AppKeyInfo::name).setHeader(getTranslation("keys.name")).setSortable(true);
        keyGrid.addColumn(key -> key.prefix() + "…").setHeader(getTranslation("keys.prefix"));
        keyGrid.addColumn(AppKeyInfo::createdBy).setHeader(getTranslation("keys.created-by"));
        keyGrid.addColumn(key -> Times.format(key.createdAt(), this))
                .setHeader(getTranslation("keys.created-at"));
        keyGrid.addColumn(key -> key.lastUsedAt() == null ? getTranslation("keys.never")
                : Times.format(key.lastUsedAt(), this)).setHeader(getTranslation("keys.last-used"));
        keyGrid.addComponentColumn(key -> {
            Button revoke = new Button(getTranslation("keys.revoke"), event -> Confirm.destructive(
                    getTranslation("keys.revoke.header", key.name()), getTranslation("keys.revoke.text"),
                    getTranslation("keys.revoke"), () -> {
                        keys.revoke(app().id(), key.id());
                        Feedback.success(getTranslation("keys.revoked", key.name()));
                        refresh();
                    }));
            revoke.addClassName("revoke-key");
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return revoke;
        }).setKey("revoke").setFlexGrow(0).setAutoWidth(true);
        keyGrid.setAllRowsVisible(true);
        return keyGrid;
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
        if (admin) {
            List<AppKeyInfo> live = keys.list(app().id());
            keyGrid.setItems(live);
            keyGrid.setVisible(!live.isEmpty());
            noKeys.setVisible(live.isEmpty());
        }
    }

    /** The app shown: the handlers run only once {@link #beforeEnter} found it. */
    private PushApp app() {
        return Objects.requireNonNull(app, "the view shows an app");
    }

    private static @Nullable String emptyToNull(@Nullable String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    @Override
    public String getPageTitle() {
        PushApp shown = app;
        return (shown == null ? getTranslation("nav.apps") : shown.name()) + " · " + getTranslation("app.name");
    }
}
