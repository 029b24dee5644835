package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.DeviceStatus;
import dev.pushdeck.device.DeviceToken;
import dev.pushdeck.shared.ui.Feedback;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * "Send test": the campaign's content goes now to the test devices of its app and
 * environment (the default), or to one active device found by token or alias prefix. A
 * campaign with an A/B test offers its versions, so each can be read on a phone before the
 * launch (docs/decisions/058-ab-tests.md). The result is a small TEST campaign; a
 * notification links to its report.
 */
final class TestSendDialog extends Dialog {

    enum Target { TEST_DEVICES, ONE_DEVICE }

    /** Where a campaign's report lives (the history module's route). */
    static String reportRoute(UUID campaignId) {
        return "campaigns/" + campaignId + "/report";
    }

    /** Sends one version of the content to a device, or to the test devices, and answers the TEST campaign. */
    @FunctionalInterface
    interface Sender {
        /**
         * @param deviceId the chosen device, null for the test devices
         * @param version  0 for A, the campaign's own content
         */
        Campaign send(@Nullable UUID deviceId, int version);
    }

    final RadioButtonGroup<Target> target = new RadioButtonGroup<>();
    final ComboBox<Device> device = new ComboBox<>();
    /** The A/B test version to send, by number (0 for A); shown only when there is more than one. */
    final RadioButtonGroup<Integer> version = new RadioButtonGroup<>();
    final Button send = new Button();

    /**
     * @param test   the content's A/B test, whose versions are offered; null for none (A only)
     * @param shown  the version chosen at first, e.g. the one the composer shows
     * @param sender sends the chosen version to the chosen devices
     * @param sent   called after a successful send, e.g. to refresh a list
     */
    TestSendDialog(DeviceService devices, PushApp app, ApnsEnvironment environment, @Nullable AbTest test,
                   int shown, Sender sender, Consumer<Campaign> sent) {
        setHeaderTitle(getTranslation("campaigns.test.header"));
        version.setLabel(getTranslation("campaigns.test.version"));
        version.setHelperText(getTranslation("campaigns.test.version.help"));
        int versions = test == null ? 1 : test.versionCount();
        version.setItems(IntStream.range(0, versions).boxed().toList());
        version.setItemLabelGenerator(AbTest::letter);
        version.setValue(shown);
        version.setVisible(versions > 1);
        target.setItems(Target.values());
        target.setItemLabelGenerator(t -> t == Target.TEST_DEVICES
                ? getTranslation("campaigns.test.all", app.name(), environment.wire())
                : getTranslation("campaigns.test.one"));
        target.setValue(Target.TEST_DEVICES);
        device.setLabel(getTranslation("campaigns.test.device"));
        device.setHelperText(getTranslation("campaigns.test.device.help"));
        device.setWidthFull();
        device.setItemLabelGenerator(TestSendDialog::label);
        device.setItems(query -> devices.list(app.id(), new DeviceFilter(environment, DeviceStatus.ACTIVE, null,
                query.getFilter().orElse(""), DeviceFilter.Order.TOKEN, false), query.getOffset(), query.getLimit())
                .stream());
        device.setVisible(false);
        target.addValueChangeListener(e -> device.setVisible(e.getValue() == Target.ONE_DEVICE));
        Paragraph hint = new Paragraph(getTranslation("campaigns.test.hint"));
        hint.addClassName("dialog-hint");
        add(new VerticalLayout(version, target, device, hint));
        send.setText(getTranslation("campaigns.test.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> send(sender, sent));
        getFooter().add(new HorizontalLayout(new Button(getTranslation("action.cancel"), e -> close()), send));
    }

    private void send(Sender sender, Consumer<Campaign> sent) {
        if (target.getValue() == Target.ONE_DEVICE && device.getValue() == null) {
            device.setInvalid(true);
            device.setErrorMessage(getTranslation("campaigns.test.device.required"));
            return;
        }
        try {
            Campaign test = sender.send(target.getValue() == Target.ONE_DEVICE ? device.getValue().id() : null,
                    version.getValue());
            close();
            notifySent(test);
            sent.accept(test);
        } catch (RuntimeException failure) {
            Feedback.error(failure);
        }
    }

    private void notifySent(Campaign test) {
        Notification notification = new Notification();
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        notification.setDuration(8000);
        notification.add(new HorizontalLayout(new Span(getTranslation("campaigns.test.sent", test.audienceCount())),
                new Anchor(reportRoute(test.id()), getTranslation("campaigns.report"))));
        notification.open();
    }

    private static String label(Device device) {
        String token = DeviceToken.shorten(device.token());
        return device.alias() == null ? token : device.alias() + " · " + token;
    }
}
