package dev.pushdeck.history.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.shared.ui.Confirm;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What an editor may do to a campaign from its report: pause, resume or cancel (after
 * confirming) while it sends, and duplicate it. A viewer sees no buttons. The report performs
 * each action, so that it can show the result and report a failure.
 */
class RunActions extends HorizontalLayout {

    private final CampaignService campaigns;
    private final Consumer<Runnable> perform;
    private @Nullable RunStatus shownFor;
    private boolean shownForEditor;

    RunActions(CampaignService campaigns, Consumer<Runnable> perform) {
        this.campaigns = campaigns;
        this.perform = perform;
        addClassName("report-actions");
    }

    /** Forgets the buttons of an earlier campaign. */
    void clear() {
        removeAll();
    }

    /** Rebuilds the buttons only when the run's state changed, so a tick never swallows a click. */
    void follow(Campaign campaign, @Nullable RunStatus run, boolean editor) {
        if (getComponentCount() > 0 && run == shownFor && editor == shownForEditor) {
            return;
        }
        shownFor = run;
        shownForEditor = editor;
        removeAll();
        if (!editor) {
            return;
        }
        if (run == RunStatus.SENDING) {
            add(action("campaigns.pause", () -> campaigns.pause(campaign.id())));
        }
        if (run == RunStatus.PAUSED) {
            add(action("campaigns.resume", () -> campaigns.resume(campaign.id())));
        }
        if (run == RunStatus.SENDING || run == RunStatus.PAUSED) {
            Button cancel = new Button(getTranslation("campaigns.cancel"), click -> Confirm.destructive(
                    getTranslation("campaigns.cancel.header", campaign.name()),
                    getTranslation("campaigns.cancel.text"), getTranslation("campaigns.cancel"),
                    () -> perform.accept(() -> campaigns.cancel(campaign.id()))));
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            add(cancel);
        }
        add(new Button(getTranslation("campaigns.duplicate"), click -> {
            Campaign copy = campaigns.duplicate(campaign.id());
            UI.getCurrent().navigate("campaigns/compose/" + copy.id());
        }));
    }

    private Button action(String key, Runnable action) {
        return new Button(getTranslation(key), click -> perform.accept(action));
    }
}
