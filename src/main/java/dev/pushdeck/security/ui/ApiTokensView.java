package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.ApiTokenInfo;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;

/** The team's API tokens for automation: create with a role (shown once), list, revoke. */
@Route("team/tokens")
@Menu(order = 91, icon = "vaadin:key", title = "nav.tokens")
@RolesAllowed(Roles.ADMIN)
class ApiTokensView extends VerticalLayout implements HasDynamicTitle {

    private final transient ApiTokenService tokens;
    private final Grid<ApiTokenInfo> grid = new Grid<>();
    private final Paragraph empty = TokenGrids.emptyState(this, "tokens.empty");

    ApiTokensView(ApiTokenService tokens) {
        this.tokens = tokens;
        Button create = TokenGrids.createButton(this, "tokens.create", "create-token", this::openCreateDialog);
        add(new HorizontalLayout(new H2(getTranslation("nav.tokens")), create), configureGrid(), empty);
        refresh();
    }

    private Grid<ApiTokenInfo> configureGrid() {
        TokenGrids.nameColumn(grid, this);
        grid.addColumn(token -> getTranslation(token.role().labelKey())).setHeader(getTranslation("tokens.role"))
                .setSortable(true).setComparator(Comparator.comparing(ApiTokenInfo::role));
        TokenGrids.factColumns(grid, this);
        TokenGrids.revokeColumn(grid, this, "tokens.revoke.text", token -> {
            tokens.revoke(token.id());
            refresh();
        });
        grid.setAllRowsVisible(true);
        return grid;
    }

    private void openCreateDialog() {
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("tokens.role"));
        role.setItems(Role.ADMIN, Role.EDITOR, Role.VIEWER);
        role.setItemLabelGenerator(r -> getTranslation(r.labelKey()));
        role.setValue(Role.VIEWER);
        new TokenCreateDialog(getTranslation("tokens.create"), "save-token",
                name -> tokens.create(name, role.getValue()), this::refresh, role).open();
    }

    private void refresh() {
        TokenGrids.show(grid, empty, tokens.list());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.tokens") + " · " + getTranslation("app.name");
    }
}
