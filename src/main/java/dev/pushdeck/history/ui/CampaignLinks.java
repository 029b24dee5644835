package dev.pushdeck.history.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.shared.error.NotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Links a delivery to its campaign's report, named after the campaign. Names are looked up
 * once per campaign and view; a run that is not a campaign's shows the start of its id.
 * Used on the UI thread only.
 */
final class CampaignLinks {

    private final CampaignService campaigns;
    private final Map<UUID, String> names = new HashMap<>();

    CampaignLinks(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    Component link(DeliveryEntry delivery) {
        String name = names.computeIfAbsent(delivery.runId(), this::name);
        return new Anchor("campaigns/" + delivery.runId() + "/report", name);
    }

    private String name(UUID runId) {
        try {
            return campaigns.get(runId).name();
        } catch (NotFoundException notACampaign) {
            return runId.toString().substring(0, 8);
        }
    }
}
