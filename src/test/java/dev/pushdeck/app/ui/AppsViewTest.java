package dev.pushdeck.app.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.Credential;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.EnvironmentCoverage;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AppsViewTest extends KaribuTest {

    @Autowired
    AppService apps;
    @Autowired
    CredentialService credentials;
    @Autowired
    AppKeyService keys;

    @Test
    void anAdminCreatesAnAppAndSeesItWithoutCredentials() {
        TestTeams.Fixture team = teams.create("ui-create");
        login(team.as(Role.ADMIN));
        navigate("apps");
        assertThat(_find(Grid.class)).isEmpty();

        _click(_get(Button.class, spec -> spec.withId("create-app")));
        _setValue(_get(TextField.class, spec -> spec.withId("app-name")), "Coffee");
        _setValue(_get(TextField.class, spec -> spec.withId("app-bundle-id")), "not a bundle id");
        _click(_get(Button.class, spec -> spec.withId("save-app")));
        assertThat(_get(TextField.class, spec -> spec.withId("app-bundle-id")).isInvalid()).isTrue();
        _setValue(_get(TextField.class, spec -> spec.withId("app-bundle-id")), "com.example.coffee");
        _click(_get(Button.class, spec -> spec.withId("save-app")));

        Grid<?> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(((PushApp) GridKt._get(grid, 0)).bundleId()).isEqualTo("com.example.coffee");
        assertThat(GridKt._getCellComponent(grid, 0, "sandbox").getElement().getClassList()).contains("status-none");
        assertThat(GridKt._getCellComponent(grid, 0, "production").getElement().getClassList())
                .contains("status-none");
    }

    @Test
    void aViewerSeesAppsButNoAdminActions() {
        TestTeams.Fixture team = teams.create("ui-viewer");
        TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Viewed", "com.example.viewed"));
        login(team.as(Role.VIEWER));
        navigate("apps");

        assertThat(GridKt._size(_get(Grid.class))).isEqualTo(1);
        assertThat(_find(Button.class, spec -> spec.withId("create-app"))).isEmpty();
        assertThat(_get(Grid.class).getColumnByKey("actions")).isNull();
    }

    @Test
    void anAdminDeletesAnAppAfterConfirming() {
        TestTeams.Fixture team = teams.create("ui-delete");
        TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Doomed", "com.example.doomed"));
        login(team.as(Role.ADMIN));
        navigate("apps");

        _click(_get(GridKt._getCellComponent(_get(Grid.class), 0, "actions"), Button.class,
                spec -> spec.withClasses("delete-app")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(apps.count()).isZero();
    }

    @Test
    void anAdminUploadsACredentialAndConfirmsATopicMismatch() {
        TestTeams.Fixture team = teams.create("ui-upload");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Upload", "com.example.upload"));
        login(team.as(Role.ADMIN));
        navigate("apps/" + app.id());
        AppDetailView view = _get(AppDetailView.class);

        view.upload.received("apns.p12", TestCredentials.p12Legacy(TestCredentials.CA.issue(
                TestCredentials.Spec.apns("com.example.other")), TestCredentials.PASSPHRASE));
        _setValue(_get(PasswordField.class, spec -> spec.withId("credential-passphrase")), "wrong");
        _click(_get(Button.class, spec -> spec.withId("upload-credential")));
        assertThat(notificationTexts()).contains("The passphrase is not correct for this file.");
        assertThat(credentials.list(app.id())).isEmpty();

        _setValue(_get(PasswordField.class, spec -> spec.withId("credential-passphrase")), TestCredentials.PASSPHRASE);
        _setValue(_get(Select.class, spec -> spec.withId("credential-environment")), EnvironmentCoverage.PRODUCTION);
        _click(_get(Button.class, spec -> spec.withId("upload-credential")));
        ConfirmDialog mismatch = _get(ConfirmDialog.class, spec -> spec.withId("topic-mismatch"));
        assertThat(ConfirmDialogKt._getText(mismatch)).contains("com.example.other");
        ConfirmDialogKt._fireConfirm(mismatch);

        List<Credential> stored = credentials.list(app.id());
        assertThat(stored).singleElement().satisfies(c -> assertThat(c.environment())
                .isEqualTo(EnvironmentCoverage.PRODUCTION));
        assertThat(GridKt._size(_get(Grid.class, spec -> spec.withClasses("credentials")))).isEqualTo(1);
        assertThat(_find(com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("status-valid")))
                .hasSize(1);
    }

    @Test
    void anAdminCreatesAnAppKeySeenOnceAndRevokesIt() {
        TestTeams.Fixture team = teams.create("ui-keys");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Keys", "com.example.keys"));
        login(team.as(Role.ADMIN));
        navigate("apps/" + app.id());

        _setValue(_get(TextField.class, spec -> spec.withId("key-name")), "iOS app");
        _click(_get(Button.class, spec -> spec.withId("create-key")));
        TextField secret = _get(TextField.class, spec -> spec.withClasses("secret-value"));
        assertThat(secret.getValue()).startsWith("pdk_");
        assertThat(keys.list(app.id())).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("iOS app"));

        _click((Button) GridKt._getCellComponent(_get(Grid.class, spec -> spec.withClasses("app-keys")), 0, "revoke"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(keys.list(app.id())).isEmpty();
    }

    @Test
    void aViewerOpensAnAppWithoutUploadOrKeys() {
        TestTeams.Fixture team = teams.create("ui-viewer-detail");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Seen", "com.example.seen"));
        login(team.as(Role.VIEWER));
        navigate("apps/" + app.id());

        assertThat(_get(H2.class).getText()).isEqualTo("Seen");
        assertThat(_find(Button.class, spec -> spec.withId("upload-credential"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("create-key"))).isEmpty();
    }

    @Test
    void anotherTeamsAppIsNotFound() {
        TestTeams.Fixture theirs = teams.create("ui-theirs");
        PushApp their = TestSecurity.as(theirs.as(Role.ADMIN), () -> apps.create("Theirs", "com.example.uitheirs"));
        TestTeams.Fixture mine = teams.create("ui-mine");
        login(mine.as(Role.ADMIN));

        navigate("apps/" + their.id());

        assertThat(_find(H2.class)).extracting(H2::getText).containsExactly(
                dev.pushdeck.shared.i18n.Messages.get(java.util.Locale.ENGLISH, "error.not-found"));
        assertThat(_find(Button.class, spec -> spec.withId("upload-credential"))).isEmpty();
        navigate("apps");
        assertThat(_find(Grid.class)).isEmpty();
    }

    private static List<String> notificationTexts() {
        return NotificationsKt.getNotifications().stream().map(Notification::getElement)
                .map(element -> element.getProperty("text")).toList();
    }

    @Test
    void anAdminSetsTheAppsOwnRegistrationRateAndAViewerDoesNotSeeTheForm() {
        TestTeams.Fixture team = teams.create("ui-rates");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Rates", "com.example.rates"));
        login(team.as(Role.ADMIN));
        navigate("apps/" + app.id());
        IntegerField keyRate = _get(IntegerField.class, spec -> spec.withId("registration-key-rate"));
        assertThat(keyRate.getPlaceholder()).isEqualTo("5,000");

        _setValue(keyRate, 0);
        _click(_get(Button.class, spec -> spec.withId("save-registration-rates")));
        assertThat(keyRate.isInvalid()).isTrue();
        _setValue(keyRate, 12_000);
        _click(_get(Button.class, spec -> spec.withId("save-registration-rates")));

        PushApp stored = TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()));
        assertThat(stored.registrationKeyRate()).isEqualTo(12_000);
        assertThat(stored.registrationAddressRate()).isNull();
        login(team.as(Role.VIEWER));
        navigate("apps");
        navigate("apps/" + app.id());
        assertThat(_find(IntegerField.class, spec -> spec.withId("registration-key-rate"))).isEmpty();
    }

    @Test
    void textThatIsNotAWholeNumberIsRefusedRatherThanStoredAsTheNodeDefault() {
        TestTeams.Fixture team = teams.create("ui-rates-typo");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> {
            PushApp created = apps.create("Rates typo", "com.example.ratestypo");
            return apps.setRegistrationRates(created.id(), 300, null);
        });
        login(team.as(Role.ADMIN));
        navigate("apps/" + app.id());
        IntegerField keyRate = _get(IntegerField.class, spec -> spec.withId("registration-key-rate"));

        UnparsableInput.type(keyRate, "3OO");
        _click(_get(Button.class, spec -> spec.withId("save-registration-rates")));

        assertThat(keyRate.isInvalid()).isTrue();
        assertThat(keyRate.getErrorMessage()).contains("whole number");
        PushApp stored = TestSecurity.as(team.as(Role.VIEWER), () -> apps.get(app.id()));
        assertThat(stored.registrationKeyRate()).as("the rate stays").isEqualTo(300);
    }
}
