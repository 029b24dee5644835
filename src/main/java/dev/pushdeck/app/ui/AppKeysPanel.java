package dev.pushdeck.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.app.AppKeyInfo;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.CreatedAppKey;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.OnceShownSecret;
import dev.pushdeck.shared.ui.Times;
import java.util.List;
import java.util.UUID;

/**
 * An app's keys, for admins: a name and "create" (the new key is shown once), the live keys with
 * when they were last used, and revoking one after a confirmation.
 */
final class AppKeysPanel extends VerticalLayout {

    private final transient AppKeyService keys;
    private final UUID appId;
    private final Grid<AppKeyInfo> keyGrid = new Grid<>();
    private final Paragraph noKeys = new Paragraph();

    AppKeysPanel(AppKeyService keys, UUID appId) {
        this.keys = keys;
        this.appId = appId;
        setPadding(false);
        noKeys.addClassName("empty-state");
        noKeys.setText(getTranslation("keys.empty"));
        add(new H3(getTranslation("keys.title")), keyActions(), configureKeyGrid(), noKeys);
        refresh();
    }

    private HorizontalLayout keyActions() {
        TextField name = new TextField();
        name.setPlaceholder(getTranslation("keys.name"));
        name.setId("key-name");
        Button create = new Button(getTranslation("keys.create"), event -> {
            try {
                CreatedAppKey created = keys.create(appId, name.getValue());
                name.clear();
                refresh();
                OnceShownSecret.show(getTranslation("keys.created", created.name()), created.key());
            } catch (ValidationException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.message(getLocale()));
            }
        });
        create.setId("create-key");
        return new HorizontalLayout(name, create);
    }

    private Grid<AppKeyInfo> configureKeyGrid() {
        keyGrid.addClassName("app-keys");
        keyGrid.addColumn(AppKeyInfo::name).setHeader(getTranslation("keys.name")).setSortable(true);
        keyGrid.addColumn(key -> key.prefix() + "…").setHeader(getTranslation("keys.prefix"));
        keyGrid.addColumn(AppKeyInfo::createdBy).setHeader(getTranslation("keys.created-by"));
        keyGrid.addColumn(key -> Times.format(key.createdAt(), this))
                .setHeader(getTranslation("keys.created-at"));
        keyGrid.addColumn(key -> key.lastUsedAt() == null ? getTranslation("keys.never")
                : Times.format(key.lastUsedAt(), this)).setHeader(getTranslation("keys.last-used"));
        keyGrid.addComponentColumn(this::revokeButton).setKey("revoke").setFlexGrow(0).setAutoWidth(true);
        keyGrid.setAllRowsVisible(true);
        return keyGrid;
    }

    private Button revokeButton(AppKeyInfo key) {
        Button revoke = new Button(getTranslation("keys.revoke"), event -> Confirm.destructive(
                getTranslation("keys.revoke.header", key.name()), getTranslation("keys.revoke.text"),
                getTranslation("keys.revoke"), () -> {
                    keys.revoke(appId, key.id());
                    Feedback.success(getTranslation("keys.revoked", key.name()));
                    refresh();
                }));
        revoke.addClassName("revoke-key");
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return revoke;
    }

    private void refresh() {
        List<AppKeyInfo> live = keys.list(appId);
        keyGrid.setItems(live);
        keyGrid.setVisible(!live.isEmpty());
        noKeys.setVisible(live.isEmpty());
    }
}
