package dev.pushdeck.dispatch.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.dispatch.BroadcastChannel;
import dev.pushdeck.dispatch.BroadcastChannelService;
import dev.pushdeck.dispatch.StoragePolicy;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import java.util.UUID;

/** Creates a broadcast channel at Apple: its name here and its message storage policy, fixed for good. */
final class ChannelDialog extends Dialog {

    final TextField name = new TextField();
    final Select<StoragePolicy> policy = new Select<>();
    final Button create = new Button();

    ChannelDialog(BroadcastChannelService channels, UUID appId, ApnsEnvironment environment, Runnable created) {
        setHeaderTitle(getTranslation("channels.create.title", getTranslation("env." + environment.wire())));
        name.setLabel(getTranslation("channels.column.name"));
        name.setPlaceholder(getTranslation("channels.name.placeholder"));
        name.setMaxLength(BroadcastChannelService.MAX_NAME);
        name.setWidthFull();
        policy.setLabel(getTranslation("channels.column.policy"));
        policy.setItems(StoragePolicy.values());
        policy.setItemLabelGenerator(p -> getTranslation("channels.policy." + p.wire()));
        policy.setValue(StoragePolicy.NONE);
        policy.setHelperText(getTranslation("channels.policy.help"));
        policy.setWidthFull();
        create.setText(getTranslation("channels.create.confirm"));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setDisableOnClick(true);
        create.addClickListener(click -> {
            try {
                BroadcastChannel channel = channels.create(appId, environment, policy.getValue(), name.getValue());
                Feedback.success(getTranslation("channels.created", channel.name()));
                close();
                created.run();
            } catch (ValidationException e) {
                name.setInvalid(true);
                name.setErrorMessage(Feedback.describe(e, getLocale()));
            } catch (PushdeckException e) {
                Feedback.error(e);
            } finally {
                create.setEnabled(true);
            }
        });
        add(new Paragraph(getTranslation("channels.create.text")), name, policy);
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), create);
        setWidth("32rem");
    }
}
