package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ListedChannel;
import dev.pushdeck.campaign.PushType;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Who the campaign reaches: all devices, tags, listed tokens, aliases or activities, or a
 * broadcast channel of the app (docs/decisions/044-broadcast-campaigns.md), narrowed by
 * attribute filters (docs/decisions/051-device-attributes.md); under it how many that is and
 * whether the app's frequency cap holds the campaign back.
 */
final class AudienceFields extends ComposerSection {

    final Select<AudienceSpec.Type> audienceType = new Select<>();
    final TextField tags = field("composer.audience.tags");
    final Select<AudienceSpec.Match> match = new Select<>();
    final TextArea tokens = new TextArea();
    final TextArea aliases = new TextArea();
    final TextArea activityIds = new TextArea();
    /** A broadcast channel of the app and environment. */
    final Select<ListedChannel> channel = new Select<>();
    /** Shown instead of the channel picker when the app has no channel in the environment. */
    final Div noChannels = new Div();
    /** Attribute filters ANDed with the audience. */
    final AudienceFilterRows filters;
    final Span audienceCount = new Span();
    /** Says that the app's frequency cap holds this campaign back, when it does. */
    final Span capNote = new Span();
    private final transient CampaignService campaigns;

    /**
     * @param zone     the schedule's zone, which filters on dates are in
     * @param pushType the push type chosen, as only a Live Activity update or end can be broadcast
     */
    AudienceFields(CampaignService campaigns, Supplier<ZoneId> zone, Supplier<PushType> pushType) {
        this.campaigns = campaigns;
        filters = new AudienceFilterRows(zone);
        tokens.setLabel(getTranslation("composer.audience.tokens"));
        tokens.setHelperText(getTranslation("composer.audience.tokens.help"));
        aliases.setLabel(getTranslation("composer.audience.aliases.list"));
        aliases.setHelperText(getTranslation("composer.audience.aliases.help"));
        activityIds.setLabel(getTranslation("composer.audience.activities.list"));
        activityIds.setHelperText(getTranslation("composer.audience.activities.help"));
        for (TextArea area : List.of(tokens, aliases, activityIds)) {
            area.setValueChangeMode(ValueChangeMode.EAGER);
            area.setWidthFull();
        }
        choice(audienceType, "composer.audience", Arrays.asList(AudienceSpec.Type.values()), AudienceSpec.Type.ALL,
                t -> getTranslation("composer.audience." + t.name().toLowerCase()));
        // Only a Live Activity update or end can be broadcast; a start is refused with its reason when chosen.
        audienceType.setItemEnabledProvider(t -> t != AudienceSpec.Type.CHANNEL
                || pushType.get() == PushType.LIVEACTIVITY);
        channel.setLabel(getTranslation("composer.audience.channel.pick"));
        channel.setItemLabelGenerator(c -> c.name() + " · " + c.channelId());
        channel.setEmptySelectionAllowed(false);
        noChannels.addClassName("warning");
        tags.setHelperText(getTranslation("composer.audience.tags.help"));
        choice(match, "composer.audience.match", Arrays.asList(AudienceSpec.Match.values()), AudienceSpec.Match.ANY,
                m -> getTranslation("composer.audience.match." + m.name().toLowerCase()));
        audienceCount.addClassName("audience-count");
        capNote.addClassName("cap-note");
        layOut("composer.section.audience", audienceType, tags, match, tokens, aliases, activityIds, channel,
                noChannels, filters, audienceCount, capNote);
    }

    /** Every input whose change changes who is reached. */
    List<HasValue<?, ?>> inputs() {
        return List.of(audienceType, tags, match, tokens, aliases, activityIds, channel);
    }

    /** The inputs by the JSON path the campaign rules name their problems with. */
    Map<String, HasValidationProperties> fieldsByPath() {
        return Map.of("audience.tags", tags, "audience.tokens", tokens, "audience.aliases", aliases,
                "audience.activityIds", activityIds, "audience.channel", channel);
    }

    /** Shows a stored audience; its channel is looked for among the app's in the environment. */
    void read(AudienceSpec stored, @Nullable PushApp app, @Nullable ApnsEnvironment environment) {
        audienceType.setValue(stored.type());
        tags.setValue(String.join(", ", stored.tags()));
        match.setValue(stored.match());
        tokens.setValue(String.join("\n", stored.tokens()));
        aliases.setValue(String.join("\n", stored.aliases()));
        activityIds.setValue(String.join("\n", stored.activityIds()));
        showChannels(app, environment, stored.channel());
        filters.load(stored.filters());
    }

    /** The audience as the fields state it; a broadcast has no filters. */
    AudienceSpec value() {
        List<String> tagList = Arrays.stream(tags.getValue().split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        return new AudienceSpec(audienceType.getValue(), tagList, match.getValue(), lines(tokens), lines(aliases),
                lines(activityIds), channel.getValue() == null ? null : channel.getValue().id(),
                broadcast() ? List.of() : filters.value());
    }

    boolean broadcast() {
        return audienceType.getValue() == AudienceSpec.Type.CHANNEL;
    }

    /** Shows the fields of the audience type chosen. */
    void showModes(boolean live) {
        AudienceSpec.Type audience = audienceType.getValue();
        tags.setVisible(audience == AudienceSpec.Type.TAGS);
        match.setVisible(audience == AudienceSpec.Type.TAGS);
        tokens.setVisible(audience == AudienceSpec.Type.TOKENS);
        tokens.setLabel(getTranslation(live ? "composer.audience.activity-tokens" : "composer.audience.tokens"));
        aliases.setVisible(audience == AudienceSpec.Type.ALIASES);
        activityIds.setVisible(audience == AudienceSpec.Type.ACTIVITIES);
        boolean broadcast = broadcast();
        channel.setVisible(broadcast && !channelsEmpty());
        filters.setVisible(!broadcast);
        noChannels.setVisible(broadcast && channelsEmpty());
    }

    /**
     * Lists the app's channels of the environment and keeps {@code selected} when it is one of
     * them; with none, a message links to the channels page instead.
     */
    void showChannels(@Nullable PushApp app, @Nullable ApnsEnvironment environment, @Nullable UUID selected) {
        if (app == null || environment == null) {
            return;
        }
        noChannels.removeAll();
        noChannels.add(new Div(getTranslation("composer.audience.channel.none",
                getTranslation("env." + environment.wire()))), new Anchor("apps/" + app.id()
                + "/channels", getTranslation("composer.audience.channel.manage")));
        List<ListedChannel> listed = campaigns.channels(app.id(), environment);
        if (!listed.equals(channel.getListDataView().getItems().toList())) {
            channel.setItems(listed);
            listed.stream().filter(c -> c.id().equals(selected)).findFirst().ifPresent(channel::setValue);
        }
    }

    /** Says how many a broadcast reaches: Apple hands it to every subscribed activity and counts them for no one. */
    void showBroadcastReach() {
        showCount(getTranslation("composer.audience.channel.reach"), false);
    }

    void showCount(String text, boolean warning) {
        audienceCount.setText(text);
        audienceCount.setClassName("warning", warning);
    }

    /**
     * Names the app's frequency cap when it applies to this campaign: one to devices, not Live
     * Activity updates or a broadcast (docs/decisions/054-frequency-caps.md).
     */
    void showCap(@Nullable PushApp app, PushType type) {
        FrequencyCap cap = app == null || type == PushType.LIVEACTIVITY || broadcast() ? null : app.frequencyCap();
        capNote.setVisible(cap != null);
        if (cap != null) {
            capNote.setText(cap.perWeek() == null ? getTranslation("composer.cap.day", cap.perDay())
                    : cap.perDay() == null ? getTranslation("composer.cap.week", cap.perWeek())
                    : getTranslation("composer.cap.both", cap.perDay(), cap.perWeek()));
        }
    }

    private boolean channelsEmpty() {
        return channel.getListDataView().getItemCount() == 0;
    }

    private static List<String> lines(TextArea area) {
        return area.getValue().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
