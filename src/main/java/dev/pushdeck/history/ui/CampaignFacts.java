package dev.pushdeck.history.ui;

import com.vaadin.flow.component.html.Span;
import dev.pushdeck.app.AppService;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.FilterText;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.shared.i18n.StoredReasons;
import dev.pushdeck.shared.ui.Times;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a report says about its campaign before any number: its status (kept current by the
 * report), app, environment, audience and filters, who made it, when it was created, scheduled,
 * launched and completed, and its quiet hours.
 */
class CampaignFacts extends FactList {

    final Span status = new Span();
    private final Campaign campaign;

    CampaignFacts(Campaign campaign, AppService apps, CampaignService campaigns) {
        this.campaign = campaign;
        status.setText(getTranslation("campaigns.status." + campaign.status().name().toLowerCase(Locale.ROOT))
                + because(campaign.statusReason()));
        status.getElement().getThemeList().add("badge");
        addFormItem(status, getTranslation("history.report.status"));
        fact("history.report.app", apps.get(campaign.appId()).name());
        fact("history.report.environment", getTranslation("env." + campaign.draft().environment().wire()));
        fact("history.report.audience", audience(campaigns));
        if (!campaign.draft().audience().filters().isEmpty()) {
            fact("history.report.filters", campaign.draft().audience().filters().stream()
                    .map(filter -> FilterText.describe(filter, getLocale(), at -> Times.format(at, this)))
                    .collect(Collectors.joining(" · ")));
        }
        fact("history.report.creator", campaign.createdBy());
        fact("history.report.created", Times.format(campaign.createdAt(), this));
        fact("history.report.scheduled", Times.format(campaign.scheduledAt(), this));
        fact("history.report.launched", Times.format(campaign.launchedAt(), this));
        fact("history.report.completed", Times.format(campaign.completedAt(), this));
        fact("history.report.quiet-hours", quietHours());
    }

    /** The run's status now, with the reason it stopped if it did. */
    void showStatus(RunProgress progress) {
        status.setText(HistoryText.runStatus(this, progress.status()) + because(progress.stopReason()));
    }

    /** The campaign's quiet hours and what they do, or nothing when it has none. */
    private @Nullable String quietHours() {
        QuietHours quiet = campaign.draft().quietHours();
        return quiet == null ? null : getTranslation("history.report.quiet-hours." + quiet.action().word(),
                quiet.from(), quiet.to());
    }

    /** How many devices the audience matched, or the channel a broadcast went to (Apple counts none). */
    private String audience(CampaignService campaigns) {
        if (!campaign.draft().audience().broadcast()) {
            return getTranslation("history.report.audience.count", campaign.audienceCount());
        }
        return campaigns.channel(campaign).map(channel -> getTranslation("history.report.broadcast.channel",
                channel.name(), channel.channelId())).orElse(getTranslation("history.report.broadcast.channel-gone"));
    }

    /** A stored reason after the status, in the reader's language when it is a message key. */
    private String because(@Nullable String storedReason) {
        return storedReason == null ? "" : " · " + StoredReasons.read(getLocale(), storedReason);
    }

    private void fact(String labelKey, @Nullable String value) {
        item(getTranslation(labelKey), value);
    }
}
