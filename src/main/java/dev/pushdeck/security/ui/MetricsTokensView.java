package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.MetricsTokenInfo;
import dev.pushdeck.security.MetricsTokenService;
import dev.pushdeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;

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
    private final Paragraph empty = TokenGrids.emptyState(this, "metrics-tokens.empty");

    MetricsTokensView(MetricsTokenService tokens) {
        this.tokens = tokens;
        Button create = TokenGrids.createButton(this, "metrics-tokens.create", "create-metrics-token",
                this::openCreateDialog);
        add(new HorizontalLayout(new H2(getTranslation("nav.metrics-tokens")), create),
                new Paragraph(getTranslation("metrics-tokens.explained")), configureGrid(), empty);
        refresh();
    }

    private Grid<MetricsTokenInfo> configureGrid() {
        TokenGrids.nameColumn(grid, this);
        TokenGrids.factColumns(grid, this);
        TokenGrids.revokeColumn(grid, this, "metrics-tokens.revoke.text", token -> {
            tokens.revoke(token.id());
            refresh();
        });
        grid.setAllRowsVisible(true);
        return grid;
    }

    private void openCreateDialog() {
        new TokenCreateDialog(getTranslation("metrics-tokens.create"), "save-metrics-token", tokens::create,
                this::refresh).suggesting("prometheus").open();
    }

    private void refresh() {
        TokenGrids.show(grid, empty, tokens.list());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.metrics-tokens") + " · " + getTranslation("app.name");
    }
}
