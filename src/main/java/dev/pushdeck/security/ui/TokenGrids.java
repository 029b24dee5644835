package dev.pushdeck.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import dev.pushdeck.security.ListedToken;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** The pieces every page listing tokens shares: columns, revoking, the create button, the empty state. */
final class TokenGrids {

    private TokenGrids() {
    }

    static <T extends ListedToken> void nameColumn(Grid<T> grid, Component view) {
        grid.addColumn(ListedToken::name).setHeader(view.getTranslation("tokens.name")).setSortable(true)
                .setComparator(Comparator.comparing(ListedToken::name, String.CASE_INSENSITIVE_ORDER));
    }

    /** Prefix, creator, creation and last use. */
    static <T extends ListedToken> void factColumns(Grid<T> grid, Component view) {
        grid.addColumn(token -> token.prefix() + "…").setHeader(view.getTranslation("tokens.prefix"));
        grid.addColumn(ListedToken::createdBy).setHeader(view.getTranslation("tokens.created-by"));
        grid.addColumn(token -> Times.format(token.createdAt(), view)).setHeader(view.getTranslation("tokens.created"))
                .setSortable(true).setComparator(Comparator.comparing(ListedToken::createdAt));
        grid.addColumn(token -> token.lastUsedAt() == null ? view.getTranslation("tokens.never")
                : Times.format(token.lastUsedAt(), view)).setHeader(view.getTranslation("tokens.last-used"));
    }

    /** Shows {@code tokens} in the grid, or the empty state when there are none. */
    static <T extends ListedToken> void show(Grid<T> grid, Component empty, List<T> tokens) {
        grid.setItems(tokens);
        grid.setVisible(!tokens.isEmpty());
        empty.setVisible(tokens.isEmpty());
    }

    /**
     * A last column with a revoke button per token: asks first, with {@code consequenceKey}
     * saying what stops working, then runs {@code revoke} and says it is done.
     */
    static <T extends ListedToken> void revokeColumn(Grid<T> grid, Component view, String consequenceKey,
                                                     Consumer<T> revoke) {
        grid.addComponentColumn(token -> revokeButton(view, token, consequenceKey, () -> revoke.accept(token)))
                .setFlexGrow(0).setAutoWidth(true);
    }

    /** The button that opens a list's create dialog. */
    static Button createButton(Component view, String captionKey, String id, Runnable open) {
        Button create = new Button(view.getTranslation(captionKey), event -> open.run());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId(id);
        return create;
    }

    /** What a list without tokens says instead. */
    static Paragraph emptyState(Component view, String key) {
        Paragraph empty = new Paragraph(view.getTranslation(key));
        empty.addClassName("empty-state");
        return empty;
    }

    private static Button revokeButton(Component view, ListedToken token, String consequenceKey, Runnable revoke) {
        Button button = new Button(view.getTranslation("tokens.revoke"), event -> Confirm.destructive(
                view.getTranslation("tokens.revoke.header", token.name()), view.getTranslation(consequenceKey),
                view.getTranslation("tokens.revoke"), () -> {
                    revoke.run();
                    Feedback.success(view.getTranslation("tokens.revoked", token.name()));
                }));
        button.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return button;
    }
}
