package dev.pushdeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.security.ApiTokenInfo;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.CreatedApiToken;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.ValidationException;
import dev.pushdeck.shared.ui.OnceShownSecret;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;

/** The team's API tokens for automation: create with a role (shown once), list, revoke. */
@Route("team/tokens")
@Menu(order = 91, icon = "vaadin:key", title = "nav.tokens")
@RolesAllowed(Roles.ADMIN)
class ApiTokensView extends VerticalLayout implements HasDynamicTitle {

    private final transient ApiTokenService tokens;
    private final Grid<ApiTokenInfo> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();

    ApiTokensView(ApiTokenService tokens) {
        this.tokens = tokens;
        Button create = new Button(getTranslation("tokens.create"), event -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-token");
        add(new HorizontalLayout(new H2(getTranslation("nav.tokens")), create), configureGrid(), empty);
        empty.setText(getTranslation("tokens.empty"));
        empty.addClassName("empty-state");
        refresh();
    }

    private Grid<ApiTokenInfo> configureGrid() {
        TokenGrids.nameColumn(grid, this);
        grid.addColumn(token -> getTranslation(token.role().labelKey())).setHeader(getTranslation("tokens.role"))
                .setSortable(true).setComparator(Comparator.comparing(ApiTokenInfo::role));
        TokenGrids.factColumns(grid, this);
        grid.addComponentColumn(token -> TokenGrids.revokeButton(this, token, "tokens.revoke.text", () -> {
            tokens.revoke(token.id());
            refresh();
        })).setFlexGrow(0).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("tokens.create"));
        TextField name = new TextField(getTranslation("tokens.name"));
        name.setRequired(true);
        name.setWidthFull();
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("tokens.role"));
        role.setItems(Role.ADMIN, Role.EDITOR, Role.VIEWER);
        role.setItemLabelGenerator(r -> getTranslation(r.labelKey()));
        role.setValue(Role.VIEWER);
        dialog.add(new VerticalLayout(name, role));
        Button save = new Button(getTranslation("tokens.create"), event -> {
            try {
                CreatedApiToken created = tokens.create(name.getValue(), role.getValue());
                dialog.close();
                refresh();
                OnceShownSecret.show(getTranslation("tokens.created-header", created.name()), created.token());
            } catch (ValidationException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.message(getLocale()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), event -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        List<ApiTokenInfo> all = tokens.list();
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.tokens") + " · " + getTranslation("app.name");
    }
}
