package dev.pushdeck.history.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.AppService;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.history.DeliveryHistory;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The support person's "did they get it?" screen: every notification sent to one device
 * across campaigns, newest first, with what APNs answered. It says "accepted by APNs", never
 * "delivered": Apple does not tell us whether the device showed it.
 */
@Route("devices/:deviceId/history")
@RolesAllowed(Roles.VIEWER)
class DeviceHistoryView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String DEVICE_ID = "deviceId";

    private final transient DeviceService devices;
    private final transient AppService apps;
    private final transient CampaignService campaigns;
    private final transient DeliveryHistory deliveries;
    @Nullable DeliveryGrid history;

    DeviceHistoryView(DeviceService devices, AppService apps, CampaignService campaigns, DeliveryHistory deliveries) {
        this.devices = devices;
        this.apps = apps;
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        addClassName("device-history");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        history = null;
        try {
            show(devices.get(UUID.fromString(event.getRouteParameters().get(DEVICE_ID).orElse(""))));
        } catch (IllegalArgumentException | NotFoundException e) {
            add(new H2(getTranslation("history.device.title")),
                    HistoryText.emptyState(this, "history.device.not-found"));
        }
    }

    private void show(Device device) {
        FormLayout facts = new FormLayout();
        Span token = new Span(device.token());
        token.addClassName("device-token");
        facts.addFormItem(token, getTranslation("history.column.token"));
        facts.addFormItem(new Span(apps.get(device.appId()).name()), getTranslation("history.report.app"));
        facts.addFormItem(new Span(getTranslation("env." + device.environment().wire())),
                getTranslation("history.report.environment"));
        facts.addFormItem(new Span(HistoryText.orDash(device.alias())), getTranslation("history.device.alias"));
        DeliveryGrid grid = new DeliveryGrid((filter, cursor, limit) -> deliveries.ofDevice(device.id(), cursor, limit),
                Long.MAX_VALUE, "history.empty.device")
                .withLeadingColumn("history.column.campaign", new CampaignLinks(campaigns)::link)
                .onAccessLost(this::showAccessLost);
        add(new Anchor("devices/" + device.id(), getTranslation("history.device.back")),
                new H2(getTranslation("history.device.title")), facts,
                new Paragraph(getTranslation("history.device.honest")), grid);
        history = grid;
    }

    /** The reader may no longer see this team's devices (removed, or switched team in another tab). */
    void showAccessLost() {
        removeAll();
        history = null;
        add(new H2(getTranslation("history.device.title")), HistoryText.accessLost(this));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("history.device.title") + " · " + getTranslation("app.name");
    }
}
