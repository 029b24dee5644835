package dev.pushdeck.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The team's apps with their credential status per environment. Admins create, rename
 * and delete; everyone opens an app's detail page.
 */
@Route("apps")
@Menu(order = 20, icon = "vaadin:mobile", title = "nav.apps")
@PermitAll
class AppsView extends VerticalLayout implements HasDynamicTitle {

    private final transient AppService apps;
    private final transient CredentialService credentials;
    private final boolean admin;
    private final Grid<PushApp> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();
    private final VerticalLayout expiryBanner = new VerticalLayout();
    private Map<UUID, Map<ApnsEnvironment, EnvironmentStatus>> statuses = Map.of();

    AppsView(AppService apps, CredentialService credentials, CurrentActor actor) {
        this.apps = apps;
        this.credentials = credentials;
        Role role = actor.require().role();
        this.admin = role != null && role.includes(Role.ADMIN);
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("nav.apps")));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (admin) {
            Button create = new Button(getTranslation("apps.create"), event -> openEditor(null));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("create-app");
            header.add(create);
        }
        empty.addClassName("empty-state");
        empty.setText(getTranslation(admin ? "apps.empty.admin" : "apps.empty"));
        expiryBanner.addClassName("expiry-banner");
        expiryBanner.setPadding(false);
        add(header, expiryBanner, configureGrid(), empty);
        if (role == null) {
            // A person without a team has no apps to see.
            empty.setText(getTranslation("apps.no-team"));
            grid.setVisible(false);
            return;
        }
        refresh();
    }

    private Grid<PushApp> configureGrid() {
        grid.addComponentColumn(app -> new RouterLink(app.name(), AppDetailView.class,
                        new RouteParameters("appId", app.id().toString())))
                .setHeader(getTranslation("apps.name")).setKey("name").setSortable(true)
                .setComparator(Comparator.comparing(PushApp::name, String.CASE_INSENSITIVE_ORDER));
        grid.addColumn(PushApp::bundleId).setHeader(getTranslation("apps.bundle-id")).setSortable(true);
        for (ApnsEnvironment environment : ApnsEnvironment.values()) {
            grid.addComponentColumn(app -> UiFormat.badge(this, status(app, environment)))
                    .setHeader(getTranslation("env." + environment.wire())).setKey(environment.wire()).setSortable(true)
                    .setComparator(Comparator.comparing(app -> status(app, environment).state()));
        }
        if (admin) {
            grid.addComponentColumn(this::actions).setKey("actions").setFlexGrow(0).setAutoWidth(true);
        }
        grid.setAllRowsVisible(true);
        return grid;
    }

    private HorizontalLayout actions(PushApp app) {
        Button edit = new Button(getTranslation("apps.edit"), event -> openEditor(app));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button delete = new Button(getTranslation("action.delete"), event -> Confirm.destructive(
                getTranslation("apps.delete.header", app.name()), getTranslation("apps.delete.text"),
                getTranslation("action.delete"), () -> {
                    apps.delete(app.id());
                    Feedback.success(getTranslation("apps.deleted", app.name()));
                    refresh();
                }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClassName("delete-app");
        return new HorizontalLayout(edit, delete);
    }

    /** Creates an app ({@code existing} null) or renames one. */
    private void openEditor(@Nullable PushApp existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(existing == null ? "apps.create" : "apps.edit"));
        TextField name = new TextField(getTranslation("apps.name"));
        name.setId("app-name");
        TextField bundleId = new TextField(getTranslation("apps.bundle-id"));
        bundleId.setId("app-bundle-id");
        bundleId.setHelperText(getTranslation("apps.bundle-id.hint"));
        if (existing != null) {
            name.setValue(existing.name());
            bundleId.setValue(existing.bundleId());
        }
        name.setWidthFull();
        bundleId.setWidthFull();
        dialog.add(new VerticalLayout(name, bundleId));
        Button save = new Button(getTranslation("action.save"), event -> {
            try {
                PushApp saved = existing == null ? apps.create(name.getValue(), bundleId.getValue())
                        : apps.update(existing.id(), name.getValue(), bundleId.getValue());
                dialog.close();
                Feedback.success(getTranslation("apps.saved", saved.name()));
                refresh();
            } catch (ValidationException e) {
                showErrors(e, name, bundleId);
            }
        });
        save.setId("save-app");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), save);
        dialog.open();
    }

    private void showErrors(ValidationException e, TextField name, TextField bundleId) {
        name.setInvalid(false);
        bundleId.setInvalid(false);
        for (ValidationException.FieldError error : e.errors()) {
            TextField field = "bundleId".equals(error.field()) ? bundleId : name;
            field.setInvalid(true);
            field.setErrorMessage(error.message(getLocale()));
        }
    }

    /** An app's status in one environment; the statuses hold every listed app in every environment. */
    private EnvironmentStatus status(PushApp app, ApnsEnvironment environment) {
        return Objects.requireNonNull(statuses.getOrDefault(app.id(), Map.of()).get(environment),
                "a status for every listed app and environment");
    }

    private void refresh() {
        List<PushApp> all = apps.all();
        statuses = credentials.statuses(all.stream().map(PushApp::id).toList());
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
        expiryBanner.removeAll();
        if (admin) {
            credentials.expiringSoon().forEach(expiring -> {
                Span line = new Span(getTranslation(expiring.expired() ? "expiry.banner.expired" : "expiry.banner",
                        expiring.appName(), getTranslation("env." + expiring.environment().wire()),
                        Times.utcDate(expiring.notAfter(), this)));
                line.getElement().getThemeList().addAll(List.of("badge", expiring.expired() ? "error" : "warning"));
                expiryBanner.add(line);
            });
        }
        expiryBanner.setVisible(expiryBanner.getComponentCount() > 0);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.apps") + " · " + getTranslation("app.name");
    }
}
