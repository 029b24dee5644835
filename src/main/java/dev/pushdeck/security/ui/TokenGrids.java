package dev.pushdeck.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import dev.pushdeck.security.ListedToken;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import java.util.Comparator;

/** The columns and the revoke button that every list of tokens shares. */
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

    /** Revokes after confirmation, with {@code consequenceKey} saying what stops working. */
    static Button revokeButton(Component view, ListedToken token, String consequenceKey, Runnable revoke) {
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
