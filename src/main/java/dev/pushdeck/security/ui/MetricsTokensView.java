package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.CreatedMetricsToken;
import dev.pushdeck.security.MetricsTokenInfo;
import dev.pushdeck.security.MetricsTokenService;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.ui.OnceShownSecret;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Instance administration: tokens that let Prometheus read {@code /actuator/prometheus}
 * (create, shown once; list; revoke). They can do nothing else (decision 029).
 */
@Route("instance/metrics-tokens")
@Menu(order = 101, icon = "vaadin:chart-line", title = "nav.metrics-tokens")
@RolesAllowed(Roles.INSTANCE_ADMIN)
class MetricsTokensView extends VerticalLayout implements HasDynamicTitle {

    private final transient MetricsTokenService tokens;
    private final Grid<MetricsTokenInfo> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();

    MetricsTokensView(MetricsTokenService tokens) {
        this.tokens = tokens;
        Button create = new Button(getTranslation("metrics-tokens.create"), event -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-metrics-token");
        empty.setText(getTranslation("metrics-tokens.empty"));
        empty.addClassName("empty-state");
        add(new HorizontalLayout(new H2(getTranslation("nav.metrics-tokens")), create),
                new Paragraph(getTranslation("metrics-tokens.explained")), configureGrid(), empty);
        refresh();
    }

    private Grid<MetricsTokenInfo> configureGrid() {
        TokenGrids.nameColumn(grid, this);
        TokenGrids.factColumns(grid, this);
        grid.addComponentColumn(token -> TokenGrids.revokeButton(this, token, "metrics-tokens.revoke.text", () -> {
            tokens.revoke(token.id());
            refresh();
        })).setFlexGrow(0).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("metrics-tokens.create"));
        TextField name = new TextField(getTranslation("tokens.name"));
        name.setRequired(true);
        name.setWidthFull();
        name.setPlaceholder("prometheus");
        dialog.add(name);
        Button save = new Button(getTranslation("metrics-tokens.create"), event -> {
            try {
                CreatedMetricsToken created = tokens.create(name.getValue());
                dialog.close();
                refresh();
                OnceShownSecret.show(getTranslation("tokens.created-header", created.name()), created.token());
            } catch (ValidationException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.message(getLocale()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-metrics-token");
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        List<MetricsTokenInfo> all = tokens.list();
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.metrics-tokens") + " · " + getTranslation("app.name");
    }
}
