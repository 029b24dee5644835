package dev.pushdeck.device.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.pushdeck.app.AppService;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;

/** Everything known about one device, with the same actions as the list. */
@Route("devices/:deviceId")
@RolesAllowed(Roles.VIEWER)
class DeviceDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String DEVICE_ID = "deviceId";

    private final transient DeviceService devices;
    private final transient ActivityRegistrationService activities;
    private final transient AppService apps;
    private final boolean editor;

    DeviceDetailView(DeviceService devices, ActivityRegistrationService activities, AppService apps,
                     CurrentActor actor) {
        this.devices = devices;
        this.activities = activities;
        this.apps = apps;
        this.editor = actor.require().role() != null && actor.require().role().includes(Role.EDITOR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("device.detail.title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        try {
            UUID id = UUID.fromString(event.getRouteParameters().get(DEVICE_ID).orElse(""));
            show(devices.get(id));
        } catch (IllegalArgumentException | NotFoundException e) {
            add(new H2(getTranslation("device.detail.title")), new Paragraph(getTranslation("device.detail.not-found")));
        }
    }

    private void show(Device device) {
        removeAll();
        String appName = apps.get(device.appId()).name();
        RouterLink back = new RouterLink(getTranslation("device.detail.back", appName), DevicesView.class);
        back.setQueryParameters(QueryParameters.of(DevicesView.APP_PARAMETER, device.appId().toString()));
        FormLayout facts = new FormLayout();
        facts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        Span token = new Span(device.token());
        token.addClassName("device-token");
        facts.addFormItem(token, getTranslation("device.field.token"));
        fact(facts, "device.field.app", appName);
        fact(facts, "device.field.environment", getTranslation("device.environment." + device.environment().wire()));
        fact(facts, "device.field.status", DeviceText.status(this, device));
        fact(facts, "device.field.tags", DeviceText.orDash(String.join(", ", device.tags())));
        fact(facts, "device.field.alias", DeviceText.orDash(device.alias()));
        fact(facts, "device.field.locale", DeviceText.orDash(device.locale()));
        fact(facts, "device.field.timezone", DeviceText.orDash(device.timeZone()));
        fact(facts, "device.field.last-seen", Times.format(device.lastRegisteredAt(), this));
        fact(facts, "device.field.app-version", DeviceText.orDash(device.appVersion()));
        fact(facts, "device.field.properties", device.properties().isEmpty()
                ? getTranslation("device.properties.none") : DeviceText.properties(device.properties()));
        fact(facts, "device.field.created", Times.format(device.createdAt(), this));
        fact(facts, "device.field.test", getTranslation(device.testDevice() ? "device.test.yes" : "device.test.no"));
        // The history module owns the route; a string keeps device independent of it.
        Anchor history = new Anchor("devices/" + device.id() + "/history", getTranslation("device.detail.history"));
        add(back, new H2(getTranslation("device.detail.title")), facts, history);
        if (editor) {
            Button edit = new Button(getTranslation("device.action.edit"),
                    click -> DeviceDialogs.edit(devices, device, this::show).open());
            Button test = new Button(getTranslation(device.testDevice() ? "device.action.untest" : "device.action.test"),
                    click -> {
                        try {
                            show(devices.setTestDevice(device.id(), !device.testDevice()));
                        } catch (RuntimeException e) {
                            Feedback.error(e);
                        }
                    });
            Button remove = new Button(getTranslation("device.action.remove"), click -> DeviceDialogs.confirmRemove(
                    devices, device, () -> UI.getCurrent().navigate(DevicesView.class,
                            QueryParameters.of(DevicesView.APP_PARAMETER, device.appId().toString()))));
            remove.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_ERROR);
            add(new HorizontalLayout(edit, test, remove));
        }
        add(new ActivityTokensSection(activities, device, editor));
    }

    private void fact(FormLayout facts, String labelKey, String value) {
        facts.addFormItem(new Span(value), getTranslation(labelKey));
    }
}
