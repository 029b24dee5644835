package dev.pushdeck.device.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import dev.pushdeck.device.AppVersion;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.internal.ImportJobs;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class DevicesViewTest extends KaribuTest {

    private static final String TOKEN = "ab".repeat(32);

    @Autowired
    AppService apps;
    @Autowired
    DeviceService devices;
    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("devices-view");
        app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("View App", "com.example.viewapp"));
        TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "sandbox", "<" + TOKEN + ">",
                new DeviceFields(List.of("vip"), "alice", null, null)));
    }

    private static void openDevicesOf(PushApp app) {
        UI.getCurrent().navigate("devices", QueryParameters.of("app", app.id().toString()));
    }

    @SuppressWarnings("unchecked")
    private static Grid<Device> grid() {
        return (Grid<Device>) _get(Grid.class);
    }

    @Test
    void aViewerSeesTheAppsDevicesButNoButtonsThatChangeThem() {
        login(team.as(Role.VIEWER));
        openDevicesOf(app);

        Grid<Device> grid = grid();
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).token()).isEqualTo(TOKEN);
        assertThat(_find(Button.class, spec -> spec.withText("Add device"))).isEmpty();
        assertThat(_find(Upload.class)).isEmpty();
    }

    @Test
    void anEditorAddsADeviceByPastingTheXcodeForm() {
        login(team.as(Role.EDITOR));
        openDevicesOf(app);
        _click(_get(Button.class, spec -> spec.withText("Add device")));

        _get(TextArea.class, spec -> spec.withLabel("Token")).setValue("<" + "CD".repeat(16) + " " + "EF".repeat(16) + ">");
        List<Button> addButtons = _find(Button.class, spec -> spec.withText("Add device"));
        _click(addButtons.get(addButtons.size() - 1));

        List<Device> all = TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), DeviceFilter.ALL, 0, 50));
        assertThat(all).extracting(Device::token).contains("cd".repeat(16) + "ef".repeat(16));
    }

    @Test
    void anotherTeamsAppIdInTheAddressShowsNothingOfIt() {
        TestTeams.Fixture other = teams.create("devices-view-other");
        login(other.as(Role.ADMIN));
        openDevicesOf(app);

        assertThat(_find(Paragraph.class, spec -> spec.withText("This app does not exist in your team."))).hasSize(1);
        assertThat(_find(Grid.class)).isEmpty();
        assertThat(_get(ComboBox.class).getListDataView().getItems().map(item -> ((PushApp) item).id()))
                .doesNotContain(app.id());
    }

    @Test
    void anotherTeamsDeviceDetailIsNotFound() {
        Device device = TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), DeviceFilter.ALL, 0, 1))
                .get(0);
        TestTeams.Fixture other = teams.create("devices-detail-other");
        login(other.as(Role.ADMIN));
        navigate("devices/" + device.id());

        assertThat(_find(Paragraph.class, spec -> spec.withText("This device does not exist in your team.")))
                .hasSize(1);
        assertThat(_find(Span.class, spec -> spec.withText(TOKEN))).isEmpty();
    }

    @Test
    void theDeviceDetailShowsEverythingKnown() {
        Device device = TestSecurity.as(team.as(Role.VIEWER), () -> devices.list(app.id(), DeviceFilter.ALL, 0, 1))
                .get(0);
        login(team.as(Role.VIEWER));
        navigate("devices/" + device.id());

        assertThat(_find(Span.class, spec -> spec.withText(TOKEN))).hasSize(1);
        assertThat(_find(Span.class, spec -> spec.withText("alice"))).hasSize(1);
        assertThat(_find(Span.class, spec -> spec.withText("Sandbox"))).hasSize(1);
    }

    @Test
    void aRunningOrFinishedImportIsShownWhenComingBackToThePage() throws Exception {
        login(team.as(Role.EDITOR));
        Path file = Files.createTempFile("import", ".csv");
        Files.writeString(file, "token,alias\n" + "12".repeat(32) + ",bob\nbroken,x\n");
        ImportJobs.Job job = jobs.start(app.id(), file, "people.csv");
        Awaitility.await("the import to finish").atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> job.state() != ImportJobs.State.RUNNING);

        openDevicesOf(app);

        assertThat(_find(Span.class, spec -> spec.withText("Import finished: 1 new, 0 updated, 1 rejected.")))
                .hasSize(1);
        assertThat(Files.exists(file)).isFalse();
    }

    /** What the app would have reported with a registration. */
    private void reported(String token, String version, String properties) {
        jdbc.sql("""
                        update devices set app_version = :version, app_version_order = :order,
                            properties = cast(:properties as jsonb) where app_id = :app and token = :token""")
                .param("version", version).param("order", AppVersion.orderKey(version).orElseThrow())
                .param("properties", properties).param("app", app.id()).param("token", token).update();
    }

    @SuppressWarnings("unchecked")
    private static <T> void choose(String id, T value) {
        ((Select<T>) _get(Select.class, spec -> spec.withId(id))).setValue(value);
    }

    private static List<String> shownTokens() {
        Grid<Device> grid = grid();
        return java.util.stream.IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).token())
                .toList();
    }

    @Test
    void theListFiltersByVersionAndPropertyAndAFilterThatCannotApplyIsExplained() {
        String newer = "cd".repeat(32);
        TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production", newer, null));
        reported(TOKEN, "2.1", "{\"plan\":\"gold\"}");
        reported(newer, "2.10", "{\"plan\":\"silver\"}");
        login(team.as(Role.VIEWER));
        openDevicesOf(app);
        assertThat(shownTokens()).containsExactly(TOKEN, newer);

        _click(_get(Button.class, spec -> spec.withId("add-attribute-filter")));
        choose("attribute-filter-operator", AttributeFilter.Operator.AFTER);
        TextField value = _get(TextField.class, spec -> spec.withId("attribute-filter-value"));
        value.setValue("two");
        _click(_get(Button.class, spec -> spec.withId("apply-attribute-filter")));
        assertThat(value.isInvalid()).isTrue();
        assertThat(value.getErrorMessage()).contains("2.10.1");
        assertThat(shownTokens()).as("nothing applied").containsExactly(TOKEN, newer);

        value.setValue("2.9");
        _click(_get(Button.class, spec -> spec.withId("apply-attribute-filter")));
        assertThat(shownTokens()).as("2.10 comes after 2.9").containsExactly(newer);
        assertThat(_find(Span.class, spec -> spec.withClasses("attribute-filter"))).hasSize(1);

        _click(_get(Button.class, spec -> spec.withId("add-attribute-filter")));
        choose("attribute-filter-attribute", AttributeFilter.Attribute.PROPERTY);
        _get(TextField.class, spec -> spec.withId("attribute-filter-key")).setValue("plan");
        _get(TextField.class, spec -> spec.withId("attribute-filter-value")).setValue("gold");
        _click(_get(Button.class, spec -> spec.withId("apply-attribute-filter")));
        assertThat(shownTokens()).as("both must hold").isEmpty();

        Span versionChip = _find(Span.class, spec -> spec.withClasses("attribute-filter")).get(0);
        _click((Button) versionChip.getChildren().filter(Button.class::isInstance).findFirst().orElseThrow());
        assertThat(shownTokens()).containsExactly(TOKEN);
    }

    @Test
    void lastSeenWithinDaysRefusesZeroDays() {
        login(team.as(Role.VIEWER));
        openDevicesOf(app);
        _click(_get(Button.class, spec -> spec.withId("add-attribute-filter")));
        choose("attribute-filter-attribute", AttributeFilter.Attribute.LAST_SEEN);
        choose("attribute-filter-operator", AttributeFilter.Operator.WITHIN_DAYS);
        IntegerField days = _get(IntegerField.class, spec -> spec.withId("attribute-filter-days"));
        days.setValue(0);
        _click(_get(Button.class, spec -> spec.withId("apply-attribute-filter")));
        assertThat(days.isInvalid()).isTrue();

        days.setValue(7);
        _click(_get(Button.class, spec -> spec.withId("apply-attribute-filter")));
        assertThat(shownTokens()).containsExactly(TOKEN);
    }
}
