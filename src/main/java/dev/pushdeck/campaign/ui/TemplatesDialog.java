package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Times;

/**
 * The team's templates in a dialog of their own, opened from the campaign list: start a
 * campaign from one, or delete one. Kept apart from the list so that its "Delete" can never be
 * read as deleting a campaign.
 */
class TemplatesDialog extends Dialog {

    private final transient TemplateService templates;
    final Grid<Template> grid = new Grid<>();
    final Div empty = new Div(getTranslation("campaigns.templates.empty"));

    TemplatesDialog(TemplateService templates) {
        this.templates = templates;
        setHeaderTitle(getTranslation("campaigns.templates"));
        setWidth("min(40rem, 95vw)");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(Template::name).setHeader(getTranslation("campaigns.name")).setFlexGrow(1);
        grid.addColumn(t -> Times.format(t.createdAt(), this)).setHeader(getTranslation("campaigns.templates.saved"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        empty.addClassName("empty-state");
        add(grid, empty);
        getFooter().add(new Button(getTranslation("action.close"), e -> close()));
        refresh();
    }

    private HorizontalLayout actions(Template template) {
        Button start = new Button(getTranslation("campaigns.template.start"), e -> {
            close();
            UI.getCurrent().navigate("campaigns/compose", QueryParameters.of("template", template.id().toString()));
        });
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.destructive(
                getTranslation("campaigns.template.delete.header", template.name()),
                getTranslation("campaigns.template.delete.text"), getTranslation("action.delete"), () -> {
                    templates.delete(template.id());
                    refresh();
                }));
        start.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(start, delete);
    }

    private void refresh() {
        var all = templates.list();
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }
}
