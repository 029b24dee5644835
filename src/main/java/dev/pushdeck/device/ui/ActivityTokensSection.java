package dev.pushdeck.device.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.device.ActivityRegistration;
import dev.pushdeck.device.ActivityRegistrationService;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceToken;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device's Live Activity tokens on its page, newest first: kind, attributes type, activity
 * id, whether a campaign still reaches it, and (for editors) adding a token copied from Xcode's
 * log and forgetting one.
 */
final class ActivityTokensSection extends VerticalLayout {

    final Grid<ActivityRegistration> grid = new Grid<>();
    final Div empty = new Div();
    final Button add = new Button();
    private final transient ActivityRegistrationService activities;
    private final Device device;
    private final boolean editor;

    ActivityTokensSection(ActivityRegistrationService activities, Device device, boolean editor) {
        this.activities = activities;
        this.device = device;
        this.editor = editor;
        setPadding(false);
        addClassName("activity-tokens");
        configureGrid();
        empty.addClassName("empty-state");
        empty.setText(getTranslation("activity.empty"));
        add.setText(getTranslation("activity.action.add"));
        add.addClickListener(click -> addDialog().open());
        add.setVisible(editor);
        add(new H3(getTranslation("activity.section")), grid, empty, add);
        refresh();
    }

    void refresh() {
        List<ActivityRegistration> tokens = activities.ofDevice(device.id());
        grid.setItems(tokens);
        grid.setVisible(!tokens.isEmpty());
        empty.setVisible(tokens.isEmpty());
    }

    private void configureGrid() {
        grid.addComponentColumn(this::tokenCell).setHeader(getTranslation("activity.column.token")).setAutoWidth(true);
        grid.addColumn(a -> getTranslation("activity.kind." + a.kind().wire()))
                .setHeader(getTranslation("activity.column.kind")).setAutoWidth(true);
        grid.addColumn(ActivityRegistration::attributesType).setHeader(getTranslation("activity.column.type"))
                .setAutoWidth(true);
        grid.addColumn(a -> DeviceText.orDash(a.activityId())).setHeader(getTranslation("activity.column.activity"));
        grid.addColumn(this::status).setHeader(getTranslation("activity.column.status")).setAutoWidth(true);
        grid.addColumn(a -> Times.format(a.registeredAt(), this)).setHeader(getTranslation("activity.column.registered"))
                .setAutoWidth(true);
        grid.addColumn(a -> a.expiresAt() == null ? "—" : Times.format(a.expiresAt(), this))
                .setHeader(getTranslation("activity.column.expires")).setAutoWidth(true);
        if (editor) {
            grid.addComponentColumn(this::removeButton).setKey("remove").setAutoWidth(true);
        }
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
    }

    private String status(ActivityRegistration activity) {
        if (activity.live(Instant.now())) {
            return getTranslation("activity.status.active");
        }
        return activity.endedAt() == null ? getTranslation("activity.status.expired")
                : getTranslation("activity.status.ended", activity.endReason()) + " · "
                + Times.format(activity.endedAt(), this);
    }

    private Component tokenCell(ActivityRegistration activity) {
        Button copy = new Button(DeviceToken.shorten(activity.token()), click -> {
            getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", activity.token());
            Feedback.success(getTranslation("device.token.copied"));
        });
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        copy.addClassName("device-token");
        copy.setTooltipText(activity.token());
        return copy;
    }

    private Component removeButton(ActivityRegistration activity) {
        Button remove = new Button(getTranslation("activity.action.remove"), click -> Confirm.destructive(
                getTranslation("activity.remove.title"),
                getTranslation("activity.remove.text", DeviceToken.shorten(activity.token())),
                getTranslation("activity.action.remove"), () -> {
                    try {
                        activities.remove(device.id(), activity.id());
                        Feedback.success(getTranslation("activity.remove.done"));
                        refresh();
                    } catch (RuntimeException e) {
                        Feedback.error(e);
                    }
                }));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        return remove;
    }

    /** Files a token a person pasted under this device. */
    Dialog addDialog() {
        UI ui = UI.getCurrent();
        Dialog dialog = new Dialog(getTranslation("activity.add.title"));
        TextArea token = new TextArea(getTranslation("activity.column.token"));
        token.setHelperText(getTranslation("activity.add.token-help"));
        token.setWidthFull();
        Select<ActivityKind> kind = new Select<>();
        kind.setLabel(getTranslation("activity.column.kind"));
        kind.setItems(ActivityKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("activity.kind." + k.wire()));
        kind.setValue(ActivityKind.UPDATE);
        TextField type = new TextField(getTranslation("activity.column.type"));
        type.setPlaceholder("DeliveryAttributes");
        TextField activityId = new TextField(getTranslation("activity.column.activity"));
        for (TextField field : List.of(type, activityId)) {
            field.setValueChangeMode(ValueChangeMode.EAGER);
        }
        Map<String, com.vaadin.flow.component.shared.HasValidationProperties> fields = Map.of("token", token,
                "attributesType", type, "activityId", activityId);
        Button save = new Button(getTranslation("action.save"), click -> {
            try {
                activities.add(device.id(), token.getValue(), kind.getValue(), type.getValue(), activityId.getValue());
                dialog.close();
                Feedback.success(ui.getTranslation("activity.add.done"));
                refresh();
            } catch (ValidationException e) {
                fields.values().forEach(field -> field.setInvalid(false));
                for (ValidationException.FieldError error : e.errors()) {
                    var field = fields.get(error.field());
                    if (field == null) {
                        Feedback.error(error.message(ui.getLocale()));
                    } else {
                        field.setInvalid(true);
                        field.setErrorMessage(error.message(ui.getLocale()));
                    }
                }
            } catch (RuntimeException e) {
                Feedback.error(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(token, kind, type, activityId));
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), click -> dialog.close()), save);
        dialog.setWidth("36rem");
        return dialog;
    }
}
