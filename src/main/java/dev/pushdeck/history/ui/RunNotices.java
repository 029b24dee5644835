package dev.pushdeck.history.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.EnvironmentStatus;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.shared.StoredReasons;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a person should know about a run beyond its counts: while it is open, that APNs is
 * unavailable for its app (and the dispatcher retrying) or that sending is paused, and why;
 * once it has ended, how many devices it marked invalid, with a way for admins to restore
 * them. Read at most every {@link #EVERY}, not on every tick of the live report.
 */
final class RunNotices extends Div {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final transient CredentialService credentials;
    private final transient DeviceService devices;
    private final Campaign campaign;
    private final boolean admin;
    private Instant readAt = Instant.MIN;

    RunNotices(CredentialService credentials, DeviceService devices, Campaign campaign, boolean admin) {
        this.credentials = credentials;
        this.devices = devices;
        this.campaign = campaign;
        this.admin = admin;
        addClassName("run-notices");
    }

    /** Shows what applies to the run as it stands in {@code progress}. */
    void refresh(RunProgress progress) {
        Instant now = Instant.now();
        if (!progress.status().isFinal() && now.isBefore(readAt.plus(EVERY))) {
            return;
        }
        readAt = now;
        removeAll();
        if (progress.status().isFinal()) {
            showMarkedDevices();
        } else {
            showSending();
        }
    }

    private void showSending() {
        ApnsEnvironment environment = ApnsEnvironment.fromWire(campaign.draft().environment().wire()).orElseThrow();
        EnvironmentStatus status = credentials.statuses(List.of(campaign.appId())).get(campaign.appId())
                .get(environment);
        if (status.unavailable()) {
            add(notice("warning", getTranslation("dispatch.outage", Times.format(status.unavailableSince(), this),
                    status.unavailableReason())));
        } else if (status.pausedReason() != null) {
            add(notice("error", StoredReasons.read(getLocale(), status.pausedReason())));
        }
    }

    private void showMarkedDevices() {
        long marked = devices.countMarkedBy(campaign.id());
        if (marked == 0) {
            return;
        }
        Span text = notice("contrast", getTranslation("history.report.marked", marked));
        add(text);
        if (admin) {
            add(new Button(getTranslation("history.report.restore"), click -> Confirm.destructive(
                    getTranslation("history.report.restore.header", marked),
                    getTranslation("history.report.restore.text"), getTranslation("history.report.restore"),
                    this::restore)));
        }
    }

    private void restore() {
        int restored = devices.restoreMarkedBy(campaign.id(), campaign.name());
        Feedback.success(getTranslation("history.report.restored", restored));
        readAt = Instant.MIN;
        removeAll();
    }

    private static Span notice(String theme, String text) {
        Span notice = new Span(text);
        notice.getElement().getThemeList().add("badge " + theme);
        notice.addClassName("run-notice");
        return notice;
    }
}
