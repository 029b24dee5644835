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
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.i18n.StoredReasons;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;

/**
 * What a person should know about a run beyond its counts: while it is open, that APNs is
 * unavailable for its app (and the dispatcher retrying) or that sending is paused, and why;
 * once it has ended, how many devices it marked invalid, with a way for admins to restore
 * them. Read at most every {@link #EVERY}, not on every tick of the live report.
 *
 * <p>Like the report around it, every read asks again who is reading: the reader's role comes
 * from the database each time the notices are read ({@link CurrentActor#recheck}), and again
 * when Restore is clicked, so a person demoted or removed while the page stayed open neither
 * sees nor uses the button (docs/decisions/028-every-read-rechecks-who-asks.md). A reader who
 * lost the team gets {@link AccessDeniedException} from {@link #refresh}, which the report
 * turns into its "no longer have access" state.
 */
final class RunNotices extends Div {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final transient CredentialService credentials;
    private final transient DeviceService devices;
    private final transient CurrentActor actor;
    private final Campaign campaign;
    private transient Runnable onAccessLost = () -> { };
    private Instant readAt = Instant.MIN;

    RunNotices(CredentialService credentials, DeviceService devices, CurrentActor actor, Campaign campaign) {
        this.credentials = credentials;
        this.devices = devices;
        this.actor = actor;
        this.campaign = campaign;
        addClassName("run-notices");
    }

    /** What to do when a click finds the reader no longer in the team (the report shows "no access"). */
    RunNotices onAccessLost(Runnable action) {
        onAccessLost = action;
        return this;
    }

    /**
     * Shows what applies to the run as it stands in {@code progress}.
     *
     * @throws AccessDeniedException the reader is no longer a member of the run's team
     */
    void refresh(RunProgress progress) {
        Instant now = Instant.now();
        if (!progress.status().isFinal() && now.isBefore(readAt.plus(EVERY))) {
            return;
        }
        Role reader = readerRole();
        readAt = now;
        removeAll();
        if (progress.status().isFinal()) {
            showMarkedDevices(reader);
        } else {
            showSending();
        }
    }

    /** The reader's role read again now; a recheck passes only for a member, who has a role. */
    private Role readerRole() {
        return Objects.requireNonNull(actor.recheck(Role.VIEWER).role(), "a member has a role");
    }

    private void showSending() {
        ApnsEnvironment environment = campaign.draft().environment();
        EnvironmentStatus status = credentials.status(campaign.appId(), environment);
        Instant outageSince = status.unavailableSince();
        String pausedReason = status.pausedReason();
        if (outageSince != null) {
            add(notice("warning", getTranslation("dispatch.outage", Times.format(outageSince, this),
                    status.unavailableReason())));
        } else if (pausedReason != null) {
            add(notice("error", StoredReasons.read(getLocale(), pausedReason)));
        }
    }

    private void showMarkedDevices(Role reader) {
        long marked = devices.countMarkedBy(campaign.id());
        if (marked == 0) {
            return;
        }
        Span text = notice("contrast", getTranslation("history.report.marked", marked));
        add(text);
        if (reader.includes(Role.ADMIN)) {
            add(new Button(getTranslation("history.report.restore"), click -> Confirm.destructive(
                    getTranslation("history.report.restore.header", marked),
                    getTranslation("history.report.restore.text"), getTranslation("history.report.restore"),
                    this::restore)));
        }
    }

    /** Restores only if the reader is an admin now, then shows the count again as the reader may see it. */
    private void restore() {
        try {
            if (readerRole().includes(Role.ADMIN)) {
                int restored = devices.restoreMarkedBy(campaign.id(), campaign.name());
                Feedback.success(getTranslation("history.report.restored", restored));
            } else {
                Feedback.error(getTranslation("error.forbidden"));
            }
            readAt = Instant.MIN;
            removeAll();
            showMarkedDevices(readerRole());
        } catch (AccessDeniedException removed) {
            onAccessLost.run();
        }
    }

    private static Span notice(String theme, String text) {
        Span notice = new Span(text);
        notice.getElement().getThemeList().add("badge " + theme);
        notice.addClassName("run-notice");
        return notice;
    }
}
