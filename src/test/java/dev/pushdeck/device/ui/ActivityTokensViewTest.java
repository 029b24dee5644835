package dev.pushdeck.device.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistration;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ActivityTokensViewTest extends KaribuTest {

    private static final String TOKEN = "a1".repeat(40);

    @Autowired
    AppService apps;
    @Autowired
    DeviceService devices;
    @Autowired
    ActivityRegistrationService activities;

    TestTeams.Fixture team;
    Device device;

    @BeforeEach
    void setUp() {
        team = teams.create("activity-view");
        PushApp app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Orders", "com.example.orders"));
        device = TestSecurity.as(team.as(Role.EDITOR), () -> devices.add(app.id(), "production", "cd".repeat(32),
                DeviceFields.NONE));
    }

    @SuppressWarnings("unchecked")
    private static Grid<ActivityRegistration> grid() {
        return (Grid<ActivityRegistration>) _get(ActivityTokensSection.class).grid;
    }

    @Test
    void aViewerSeesTheDevicesLiveActivityTokensButCannotChangeThem() {
        TestSecurity.as(team.as(Role.EDITOR), () -> activities.add(device.id(), TOKEN, ActivityKind.UPDATE,
                "DeliveryAttributes", "order-1042"));
        login(team.as(Role.VIEWER));
        navigate("devices/" + device.id());

        assertThat(GridKt._size(grid())).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(grid(), 0)).contains("Update", "DeliveryAttributes", "order-1042",
                "Active");
        assertThat(_get(ActivityTokensSection.class).add.isVisible()).isFalse();
    }

    @Test
    void aDeviceWithoutTokensSaysHowTheyArrive() {
        login(team.as(Role.VIEWER));
        navigate("devices/" + device.id());

        assertThat(grid().isVisible()).isFalse();
        assertThat(_get(ActivityTokensSection.class).empty.getText()).contains("registers them when an activity");
    }

    @Test
    void anEditorAddsATokenAndForgetsItAfterConfirming() {
        login(team.as(Role.EDITOR));
        navigate("devices/" + device.id());

        _click(_get(Button.class, spec -> spec.withText("Add Live Activity token")));
        _get(TextArea.class, spec -> spec.withLabel("Token")).setValue("<" + TOKEN.toUpperCase() + ">");
        _get(TextField.class, spec -> spec.withLabel("Attributes type")).setValue("not a type");
        _click(_get(Button.class, spec -> spec.withText("Save")));
        assertThat(_get(TextField.class, spec -> spec.withLabel("Attributes type")).isInvalid()).isTrue();

        _get(TextField.class, spec -> spec.withLabel("Attributes type")).setValue("DeliveryAttributes");
        _click(_get(Button.class, spec -> spec.withText("Save")));
        assertThat(GridKt._size(grid())).isEqualTo(1);
        assertThat(GridKt._get(grid(), 0).token()).isEqualTo(TOKEN);

        _click((Button) GridKt._getCellComponent(grid(), 0, "remove"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(grid().isVisible()).isFalse();
        assertThat(_find(ActivityTokensSection.class)).hasSize(1);
    }
}
