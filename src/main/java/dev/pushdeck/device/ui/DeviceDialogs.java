package dev.pushdeck.device.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceToken;
import dev.pushdeck.device.internal.DeviceRules;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The add and edit dialogs of devices. */
final class DeviceDialogs {

    private DeviceDialogs() {
    }

    /** Add a device by pasting its token in either form. */
    static Dialog add(DeviceService devices, UUID appId, Consumer<Device> added) {
        UI ui = UI.getCurrent();
        Dialog dialog = new Dialog(ui.getTranslation("device.add.title"));
        Select<ApnsEnvironment> environment = environmentSelect(ui);
        TextArea token = new TextArea(ui.getTranslation("device.field.token"));
        token.setHelperText(ui.getTranslation("device.add.token-help"));
        token.setWidthFull();
        TextField tags = tagsField(ui, List.of());
        TextField alias = new TextField(ui.getTranslation("device.field.alias"));
        Button save = new Button(ui.getTranslation("device.action.add"), click -> {
            try {
                Device device = devices.add(appId, environment.getValue().wire(), token.getValue(),
                        new DeviceFields(DeviceRules.splitTags(tags.getValue()), alias.getValue(), null, null));
                dialog.close();
                Feedback.success(ui.getTranslation("device.add.done"));
                added.accept(device);
            } catch (ValidationException e) {
                showField(e, token, tags, alias, ui);
            } catch (RuntimeException e) {
                Feedback.error(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(environment, token, tags, alias));
        dialog.getFooter().add(new Button(ui.getTranslation("device.action.cancel"), click -> dialog.close()), save);
        dialog.setWidth("36rem");
        return dialog;
    }

    /** Edit a device's tags and alias. */
    static Dialog edit(DeviceService devices, Device device, Consumer<Device> saved) {
        UI ui = UI.getCurrent();
        Dialog dialog = new Dialog(ui.getTranslation("device.edit.title"));
        TextField tags = tagsField(ui, device.tags());
        TextField alias = new TextField(ui.getTranslation("device.field.alias"));
        alias.setValue(device.alias() == null ? "" : device.alias());
        Button save = new Button(ui.getTranslation("device.action.save"), click -> {
            try {
                Device updated = devices.update(device.id(),
                        new DeviceFields(DeviceRules.splitTags(tags.getValue()), alias.getValue(), null, null), null);
                dialog.close();
                saved.accept(updated);
            } catch (ValidationException e) {
                showField(e, null, tags, alias, ui);
            } catch (RuntimeException e) {
                Feedback.error(e);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(tags, alias));
        dialog.getFooter().add(new Button(ui.getTranslation("device.action.cancel"), click -> dialog.close()), save);
        return dialog;
    }

    /** Asks, then removes the device for good. */
    static void confirmRemove(DeviceService devices, Device device, Runnable after) {
        UI ui = UI.getCurrent();
        Confirm.destructive(ui.getTranslation("device.remove.title"),
                ui.getTranslation("device.remove.text", DeviceToken.shorten(device.token())),
                ui.getTranslation("device.action.remove"), () -> {
                    try {
                        devices.remove(device.id());
                        Feedback.success(ui.getTranslation("device.remove.done"));
                        after.run();
                    } catch (RuntimeException e) {
                        Feedback.error(e);
                    }
                });
    }

    static Select<ApnsEnvironment> environmentSelect(UI ui) {
        Select<ApnsEnvironment> environment = new Select<>();
        environment.setLabel(ui.getTranslation("device.field.environment"));
        environment.setItems(ApnsEnvironment.values());
        environment.setItemLabelGenerator(env -> ui.getTranslation("device.environment." + env.wire()));
        environment.setValue(ApnsEnvironment.PRODUCTION);
        return environment;
    }

    private static TextField tagsField(UI ui, List<String> tags) {
        TextField field = new TextField(ui.getTranslation("device.field.tags"));
        field.setHelperText(ui.getTranslation("device.tags.help"));
        field.setValue(String.join(";", tags));
        return field;
    }

    private static void showField(ValidationException e, @Nullable TextArea token, TextField tags, TextField alias,
                                  UI ui) {
        for (ValidationException.FieldError error : e.errors()) {
            String message = error.message(ui.getLocale());
            switch (error.field()) {
                case "token" -> {
                    if (token != null) {
                        token.setInvalid(true);
                        token.setErrorMessage(message);
                    }
                }
                case "tags" -> {
                    tags.setInvalid(true);
                    tags.setErrorMessage(message);
                }
                case "alias" -> {
                    alias.setInvalid(true);
                    alias.setErrorMessage(message);
                }
                default -> Feedback.error(message);
            }
        }
    }
}
