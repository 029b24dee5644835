package dev.pushdeck.dispatch.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.LiveActivity.Event;
import dev.pushdeck.dispatch.BroadcastChannel;
import dev.pushdeck.dispatch.BroadcastChannelService;
import dev.pushdeck.dispatch.ChannelBroadcast;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.ViewerZone;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Broadcasts a Live Activity update or end to one channel: the content state as JSON, the dates,
 * relevance and alert an event takes, the priority (5 spares the device's budget, 10 draws on it)
 * and how long Apple keeps it for offline devices. Apple's refusal shows with its reason; the
 * broadcast is recorded either way. Times are the viewer's wall-clock time.
 */
final class BroadcastDialog extends Dialog {

    final Select<Event> event = new Select<>();
    final TextArea contentState = new TextArea();
    final DateTimePicker staleDate = new DateTimePicker();
    final DateTimePicker dismissalDate = new DateTimePicker();
    final NumberField relevance = new NumberField();
    final TextField alertTitle = new TextField();
    final TextField alertBody = new TextField();
    final Select<Integer> priority = new Select<>();
    final DateTimePicker expiration = new DateTimePicker();
    final Button send = new Button();

    BroadcastDialog(BroadcastChannelService channels, UUID appId, BroadcastChannel channel, Runnable sent) {
        setHeaderTitle(getTranslation("channels.broadcast.title", channel.name()));
        event.setLabel(getTranslation("composer.live-activity.event"));
        event.setItems(Event.UPDATE, Event.END);
        event.setItemLabelGenerator(e -> getTranslation("composer.live-activity.event." + e.wire()));
        event.setValue(Event.UPDATE);
        event.addValueChangeListener(change -> showFieldsOf(change.getValue()));
        contentState.setLabel(getTranslation("composer.live-activity.content-state"));
        contentState.setPlaceholder("{\"home\": 2, \"away\": 1}");
        contentState.addClassName("json-text");
        staleDate.setLabel(getTranslation("composer.live-activity.stale-date"));
        dismissalDate.setLabel(getTranslation("composer.live-activity.dismissal-date"));
        relevance.setLabel(getTranslation("composer.live-activity.relevance"));
        relevance.setMin(0);
        alertTitle.setLabel(getTranslation("composer.live-activity.alert-title"));
        alertBody.setLabel(getTranslation("composer.live-activity.alert-body"));
        priority.setLabel(getTranslation("channels.sent.priority"));
        priority.setItems(10, 5);
        priority.setItemLabelGenerator(p -> getTranslation("channels.broadcast.priority." + p));
        priority.setValue(10);
        priority.setHelperText(getTranslation("channels.broadcast.priority.help"));
        expiration.setLabel(getTranslation("channels.broadcast.expiration"));
        expiration.setHelperText(getTranslation("channels.broadcast.expiration.help"));
        FormLayout form = new FormLayout(event, priority, contentState, staleDate, dismissalDate, relevance,
                expiration, alertTitle, alertBody);
        form.setColspan(contentState, 2);
        showFieldsOf(Event.UPDATE);
        send.setText(getTranslation("channels.broadcast.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setDisableOnClick(true);
        send.addClickListener(click -> {
            List.<HasValidationProperties>of(contentState, staleDate, dismissalDate, relevance, expiration)
                    .forEach(field -> field.setInvalid(false));
            try {
                ChannelBroadcast broadcast = channels.broadcast(appId, channel.id(), activity(), priority.getValue(),
                        instant(expiration));
                Feedback.success(getTranslation("channels.broadcast.sent", String.valueOf(broadcast.apnsUniqueId())));
                close();
            } catch (ValidationException e) {
                show(e.errors());
            } catch (PushdeckException e) {
                Feedback.error(e);
                close();
            } finally {
                send.setEnabled(true);
                sent.run();
            }
        });
        add(new Paragraph(getTranslation("channels.broadcast.text")), form);
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), send);
        setWidth("44rem");
    }

    private void showFieldsOf(Event chosen) {
        boolean update = chosen == Event.UPDATE;
        staleDate.setVisible(update);
        relevance.setVisible(update);
        alertTitle.setVisible(update);
        alertBody.setVisible(update);
        dismissalDate.setVisible(!update);
    }

    private LiveActivity activity() {
        boolean update = event.getValue() == Event.UPDATE;
        return new LiveActivity(event.getValue(), null, null, contentState.getValue(),
                update ? instant(staleDate) : null, update ? null : instant(dismissalDate),
                update ? relevance.getValue() : null, update ? alertTitle.getValue() : null,
                update ? alertBody.getValue() : null, null);
    }

    /** Each refusal on its field; those without a field of their own as a notification. */
    private void show(List<ValidationException.FieldError> errors) {
        for (ValidationException.FieldError error : errors) {
            String text = getTranslation(error.key(), error.args());
            switch (error.field()) {
                case "liveActivity.contentState" -> invalid(contentState, text);
                case "liveActivity.staleDate" -> invalid(staleDate, text);
                case "liveActivity.dismissalDate" -> invalid(dismissalDate, text);
                case "liveActivity.relevanceScore" -> invalid(relevance, text);
                case "expiration" -> invalid(expiration, text);
                default -> Feedback.error(text);
            }
        }
    }

    private static void invalid(HasValidationProperties field, String text) {
        field.setInvalid(true);
        field.setErrorMessage(text);
    }

    private @Nullable Instant instant(DateTimePicker picker) {
        return picker.getValue() == null ? null : picker.getValue().atZone(ViewerZone.of(this)).toInstant();
    }
}
