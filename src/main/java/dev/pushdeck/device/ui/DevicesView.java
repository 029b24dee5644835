package dev.pushdeck.device.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceExport;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceToken;
import dev.pushdeck.device.internal.ImportJobs;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.RowMenu;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An app's devices: a lazy grid that pages in SQL (no counting, so it stays fast at a
 * million rows), the {@link DeviceFilterBar} (also by what the app reports: version, last seen,
 * properties) and server-side sort, add/edit/remove, test-device flags, CSV import in the
 * background ({@link DeviceImportPanel}: its progress survives leaving the page) and CSV export.
 * The selected app is in the query parameter {@code app}.
 */
@Route("devices")
@Menu(order = 20, icon = "vaadin:mobile", title = "nav.devices")
@RolesAllowed(Roles.VIEWER)
class DevicesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String APP_PARAMETER = "app";

    private final transient DeviceService devices;
    private final transient AppService apps;
    private final boolean editor;

    private final ComboBox<PushApp> appPicker = new ComboBox<>();
    private final DeviceFilterBar filters = new DeviceFilterBar(appPicker, this::refresh);
    private final Grid<Device> grid = new Grid<>();
    private final HorizontalLayout actions = new HorizontalLayout();
    private final DeviceImportPanel importPanel;
    private final Div body = new Div();
    /** The app whose devices the grid shows; none when the team has no apps. */
    private @Nullable PushApp app;

    DevicesView(DeviceService devices, AppService apps, ImportJobs jobs, DeviceImportService imports,
                CurrentActor actor) {
        this.devices = devices;
        this.apps = apps;
        this.importPanel = new DeviceImportPanel(jobs, imports.limits().maxBytes(), this::refresh);
        this.editor = actor.require().role() != null && actor.require().role().includes(Role.EDITOR);
        setSizeFull();
        addClassName("devices-view");
        add(new H2(getTranslation("device.list.title")), header(), importPanel, body);
        body.setSizeFull();
        configureGrid();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.devices");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<PushApp> all = apps.all();
        appPicker.setItems(all);
        Optional<UUID> wanted = event.getLocation().getQueryParameters().getSingleParameter(APP_PARAMETER)
                .flatMap(DevicesView::uuid);
        PushApp chosen = wanted.map(this::findApp).orElse(all.isEmpty() ? null : all.get(0));
        if (wanted.isPresent() && chosen == null) {
            show(new Paragraph(getTranslation("device.list.app-not-found")));
            return;
        }
        appPicker.setValue(chosen);
        select(chosen);
    }

    private @Nullable PushApp findApp(UUID id) {
        try {
            return apps.get(id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Component header() {
        appPicker.setLabel(getTranslation("device.field.app"));
        appPicker.setItemLabelGenerator(PushApp::name);
        appPicker.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                UI.getCurrent().navigate("devices", QueryParameters.of(APP_PARAMETER, event.getValue().id().toString()));
            }
        });
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        actions.setWrap(true);
        VerticalLayout header = new VerticalLayout(filters, actions);
        header.setPadding(false);
        return header;
    }

    private void select(@Nullable PushApp chosen) {
        app = chosen;
        actions.removeAll();
        if (chosen == null) {
            show(new Paragraph(getTranslation("device.list.no-apps")));
            return;
        }
        UUID appId = chosen.id();
        if (editor) {
            Button add = new Button(getTranslation("device.action.add"), VaadinIcon.PLUS.create(),
                    click -> DeviceDialogs.add(devices, appId, device -> refresh()).open());
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(add, importPanel.uploadButton(appId));
        }
        actions.add(exportLink(appId));
        show(grid);
        refresh();
    }

    private void show(Component content) {
        body.removeAll();
        body.add(content);
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.setHeight("60vh");
        grid.addComponentColumn(this::tokenCell).setHeader(getTranslation("device.field.token"))
                .setSortable(true).setKey("token").setWidth("10em").setFlexGrow(0);
        grid.addColumn(d -> getTranslation("device.environment." + d.environment().wire()))
                .setHeader(getTranslation("device.field.environment")).setWidth("6em").setFlexGrow(0);
        grid.addColumn(this::statusText).setHeader(getTranslation("device.field.status"))
                .setWidth("7em").setFlexGrow(1);
        grid.addColumn(d -> String.join(", ", d.tags())).setHeader(getTranslation("device.field.tags"))
                .setWidth("6em").setFlexGrow(1);
        grid.addColumn(d -> DeviceText.orDash(d.alias())).setHeader(getTranslation("device.field.alias"))
                .setSortable(true).setKey("alias").setWidth("7em").setFlexGrow(1);
        grid.addColumn(d -> DeviceText.orDash(d.locale())).setHeader(getTranslation("device.field.locale"))
                .setWidth("4em").setFlexGrow(0);
        grid.addColumn(d -> DeviceText.orDash(d.timeZone())).setHeader(getTranslation("device.field.timezone"))
                .setWidth("7em").setFlexGrow(1);
        grid.addColumn(d -> Times.format(d.lastRegisteredAt(), this))
                .setHeader(getTranslation("device.field.last-seen")).setSortable(true).setKey("lastRegistered")
                .setWidth("8em").setFlexGrow(1);
        if (editor) {
            grid.addComponentColumn(this::rowActions).setKey("actions").setWidth("4em").setFlexGrow(0);
        }
        grid.setEmptyStateText(getTranslation("device.list.empty"));
        grid.setItems(this::fetch);
    }

    private Stream<Device> fetch(Query<Device, Void> query) {
        PushApp shown = app;
        if (shown == null) {
            return Stream.empty();
        }
        DeviceFilter.Order order = DeviceFilter.Order.TOKEN;
        boolean descending = false;
        if (!query.getSortOrders().isEmpty()) {
            var sort = query.getSortOrders().get(0);
            order = switch (sort.getSorted()) {
                case "alias" -> DeviceFilter.Order.ALIAS;
                case "lastRegistered" -> DeviceFilter.Order.LAST_REGISTERED;
                default -> DeviceFilter.Order.TOKEN;
            };
            descending = sort.getDirection() == SortDirection.DESCENDING;
        }
        return devices.list(shown.id(), filters.filter(order, descending), query.getOffset(), query.getLimit())
                .stream();
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private Component tokenCell(Device device) {
        RouterLink link = new RouterLink(DeviceToken.shorten(device.token()), DeviceDetailView.class,
                new RouteParameters(DeviceDetailView.DEVICE_ID, device.id().toString()));
        link.getElement().setAttribute("title", device.token());
        Button copy = new Button(VaadinIcon.COPY_O.create(), click -> {
            UI.getCurrent().getPage().executeJs("navigator.clipboard.writeText($0)", device.token());
            Feedback.success(getTranslation("device.token.copied"));
        });
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        copy.setAriaLabel(getTranslation("device.action.copy"));
        HorizontalLayout cell = new HorizontalLayout(link, copy);
        cell.setSpacing(false);
        cell.setAlignItems(FlexComponent.Alignment.CENTER);
        return cell;
    }

    /** The status, and that the device is a test device: one column less to fit 1280 px. */
    private String statusText(Device device) {
        String status = DeviceText.status(this, device);
        return device.testDevice() ? status + " · " + getTranslation("device.field.test") : status;
    }

    private Component rowActions(Device device) {
        RowMenu menu = new RowMenu();
        menu.add(getTranslation("device.action.edit"),
                () -> DeviceDialogs.edit(devices, device, saved -> refresh()).open());
        menu.add(getTranslation(device.testDevice() ? "device.action.untest" : "device.action.test"),
                () -> run(() -> devices.setTestDevice(device.id(), !device.testDevice())));
        menu.addDestructive(getTranslation("device.action.remove"),
                () -> DeviceDialogs.confirmRemove(devices, device, this::refresh));
        return menu.component();
    }

    private void run(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (RuntimeException e) {
            Feedback.error(e);
        }
    }

    private Component exportLink(UUID appId) {
        Anchor export = new Anchor(event -> {
            DeviceExport file = devices.export(appId);
            event.setFileName(file.fileName());
            event.setContentType("text/csv;charset=UTF-8");
            file.writeTo(event.getOutputStream());
        }, getTranslation("device.action.export"));
        export.getElement().setAttribute("download", true);
        return export;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
