package dev.pushdeck.history.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Finds a device by the start of its token or alias and leads to what was sent to it. */
@Route("history/devices")
@Menu(order = 26, icon = "vaadin:question-circle-o", title = "nav.device-history")
@RolesAllowed(Roles.VIEWER)
class DeviceSearchView extends VerticalLayout implements HasDynamicTitle {

    private static final int MATCHES = 20;

    private final transient DeviceService devices;
    final Select<PushApp> app = new Select<>();
    final TextField query = new TextField();
    final Div matches = new Div();

    DeviceSearchView(DeviceService devices, AppService apps) {
        this.devices = devices;
        List<PushApp> teamApps = apps.all();
        app.setLabel(getTranslation("history.search.app"));
        app.setItems(teamApps);
        app.setItemLabelGenerator(PushApp::name);
        if (!teamApps.isEmpty()) {
            app.setValue(teamApps.get(0));
        }
        query.setLabel(getTranslation("history.search.query"));
        query.setValueChangeMode(ValueChangeMode.LAZY);
        query.setClearButtonVisible(true);
        query.setWidth("32rem");
        query.setMaxWidth("100%");
        app.addValueChangeListener(e -> search());
        query.addValueChangeListener(e -> search());
        HorizontalLayout bar = new HorizontalLayout(app, query);
        bar.addClassName("filter-bar");
        add(new H2(getTranslation("history.search.title")), bar, matches);
        search();
    }

    private void search() {
        matches.removeAll();
        String text = query.getValue().trim();
        if (app.getValue() == null || text.isEmpty()) {
            matches.add(HistoryText.emptyState(this, "history.search.hint"));
            return;
        }
        List<Device> found = devices.list(app.getValue().id(), new DeviceFilter(null, null, null, text,
                DeviceFilter.Order.TOKEN, false), 0, MATCHES);
        if (found.isEmpty()) {
            matches.add(HistoryText.emptyState(this, "history.search.none"));
        }
        found.forEach(device -> matches.add(new Div(new Anchor("devices/" + device.id() + "/history",
                HistoryText.shortToken(device.token()) + " · " + getTranslation("env." + device.environment().wire())
                        + (device.alias() == null ? "" : " · " + device.alias())))));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("history.search.title") + " · " + getTranslation("app.name");
    }
}
