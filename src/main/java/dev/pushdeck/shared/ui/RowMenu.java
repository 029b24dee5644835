package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;

/**
 * A grid row's actions behind one small "⋯" button, so that the actions column has the same
 * narrow width on every row however many actions a row offers, and the columns that people
 * read (names, statuses) get the room (docs/decisions/042-grids-wrap-and-fit.md).
 */
public final class RowMenu {

    private final MenuBar bar = new MenuBar();
    private final SubMenu items;

    public RowMenu() {
        bar.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON);
        bar.addClassName("row-menu");
        MenuItem root = bar.addItem(VaadinIcon.ELLIPSIS_DOTS_H.create());
        root.setAriaLabel(UI.getCurrent().getTranslation("action.more"));
        items = root.getSubMenu();
    }

    /** Adds an entry that runs {@code action} when chosen. */
    public MenuItem add(String text, Runnable action) {
        return items.addItem(text, click -> action.run());
    }

    /** Adds an entry shown in the error colour, for actions that destroy or cannot be undone. */
    public MenuItem addDestructive(String text, Runnable action) {
        MenuItem item = add(text, action);
        item.addClassName("destructive");
        return item;
    }

    public boolean isEmpty() {
        return items.getItems().isEmpty();
    }

    public MenuBar component() {
        return bar;
    }
}
