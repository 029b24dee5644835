package dev.pushdeck.campaign.ui;

import static dev.pushdeck.campaign.ui.ComposerSection.text;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.Payload;
import org.jspecify.annotations.Nullable;

/**
 * The composer's previews beside the form: the notification as a lock screen shows it, and the
 * payload as sent with its size against the push type's limit. It only draws what it is given;
 * the composer decides which version and language it shows.
 */
final class ComposerPreview extends VerticalLayout {

    final Pre json = new Pre();
    final ProgressBar meter = new ProgressBar();
    final Span bytes = new Span();
    final Span mockApp = new Span();
    final Span mockTitle = new Span();
    final Span mockSubtitle = new Span();
    final Span mockBody = new Span();

    ComposerPreview() {
        json.addClassName("payload-json");
        meter.addClassName("payload-meter");
        bytes.addClassName("payload-bytes");
        mockApp.addClassName("lock-app");
        mockTitle.addClassName("lock-title");
        mockSubtitle.addClassName("lock-subtitle");
        mockBody.addClassName("lock-body");
        Div notification = new Div(mockApp, mockTitle, mockSubtitle, mockBody);
        notification.addClassName("lock-notification");
        Div lockScreen = new Div(notification);
        lockScreen.addClassName("lock-screen");
        add(new H3(getTranslation("composer.preview.lock-screen")), lockScreen,
                new H3(getTranslation("composer.preview.payload")), meter, bytes, json);
        addClassName("composer-previews");
    }

    /** The payload and its size, or "unknown" while the form cannot build one. */
    void showPayload(@Nullable Payload payload, int limit) {
        if (payload == null) {
            json.setText("");
            bytes.setText(getTranslation("composer.bytes.unknown", limit));
            meter.setValue(0);
            return;
        }
        int size = payload.bytes();
        json.setText(payload.json());
        bytes.setText(getTranslation("composer.bytes", size, limit));
        meter.setMax(limit);
        meter.setValue(Math.min(size, limit));
        boolean over = payload.overLimit();
        if (over) {
            meter.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        } else {
            meter.removeThemeVariants(ProgressBarVariant.LUMO_ERROR);
        }
        meter.setClassName("over-limit", over);
        bytes.setClassName("over-limit", over);
    }

    /** The draft as a lock screen shows it: its alert, a Live Activity's alert, or that it shows nothing. */
    void showLockScreen(String appName, CampaignDraft draft) {
        mockApp.setText(appName);
        Notification n = draft.notification();
        if (draft.liveActivityComposed()) {
            mockTitle.setText(text(draft.liveActivity().alertTitle()));
            mockSubtitle.setText("");
            mockBody.setText(draft.liveActivity().hasAlert() ? text(draft.liveActivity().alertBody())
                    : getTranslation("composer.preview.live-activity"));
            return;
        }
        boolean shows = !draft.expert() && draft.pushType().alertAllowed();
        mockTitle.setText(shows ? text(n.title()) : "");
        mockSubtitle.setText(shows ? text(n.subtitle()) : "");
        mockBody.setText(shows ? text(n.body()) : getTranslation("composer.preview.silent"));
    }
}
