package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The composer's content: a raw payload in expert mode, or the alert's wording (with its languages
 * and A/B versions, which the form owns and this section only places) and the rest of the
 * notification. The wording fields always hold the version and language the tabs select.
 */
final class ContentFields extends ComposerSection {

    private static final String SOUND_CUSTOM = "custom";

    final Checkbox expert = new Checkbox();
    final TextArea raw = new TextArea();
    final TextField title = field("composer.title");
    final TextField subtitle = field("composer.subtitle");
    final TextArea body = new TextArea();
    final Select<String> sound = new Select<>();
    final TextField soundName = field("composer.sound.name");
    final IntegerField badge = new IntegerField();
    final TextField category = field("composer.category");
    final TextField threadId = field("composer.thread-id");
    final Checkbox mutableContent = new Checkbox();
    final Checkbox contentAvailable = new Checkbox();
    final Select<String> interruption = new Select<>();
    final NumberField relevance = new NumberField();
    final TextArea data = new TextArea();
    private final ContentVariantTabs variants;
    private final AbTestSection abTest;

    ContentFields(ContentVariantTabs variants, AbTestSection abTest) {
        this.variants = variants;
        this.abTest = abTest;
        expert.setLabel(getTranslation("composer.expert"));
        raw.setLabel(getTranslation("composer.raw"));
        raw.setPlaceholder("{\"aps\":{\"alert\":\"…\"}}");
        body.setLabel(getTranslation("composer.body"));
        data.setLabel(getTranslation("composer.data"));
        data.setPlaceholder("{\"deepLink\":\"app://…\"}");
        for (TextArea area : List.of(raw, body, data)) {
            area.setValueChangeMode(ValueChangeMode.EAGER);
            area.setWidthFull();
        }
        choice(sound, "composer.sound", List.of("default", "none", SOUND_CUSTOM), "default",
                s -> getTranslation("composer.sound." + s));
        badge.setLabel(getTranslation("composer.badge"));
        badge.setHelperText(getTranslation("composer.badge.help"));
        badge.setValueChangeMode(ValueChangeMode.EAGER);
        mutableContent.setLabel(getTranslation("composer.mutable-content"));
        contentAvailable.setLabel(getTranslation("composer.content-available"));
        choice(interruption, "composer.interruption", List.of("", "passive", "active", "time-sensitive", "critical"),
                "", level -> getTranslation(level.isEmpty() ? "composer.interruption.default"
                        : "composer.interruption." + level));
        relevance.setLabel(getTranslation("composer.relevance"));
        relevance.setMin(0);
        relevance.setMax(1);
        relevance.setStep(0.05);
        relevance.setValueChangeMode(ValueChangeMode.EAGER);
        layOut("composer.section.content", expert, raw, abTest, variants, title, subtitle, body, sound, soundName,
                badge, category, threadId, mutableContent, contentAvailable, interruption, relevance, data);
    }

    /** Every input whose change changes the draft. */
    List<HasValue<?, ?>> inputs() {
        return List.of(expert, raw, title, subtitle, body, sound, soundName, badge, category, threadId,
                mutableContent, contentAvailable, interruption, relevance, data);
    }

    /** The inputs by the JSON path the campaign rules name their problems with. */
    Map<String, HasValidationProperties> fieldsByPath() {
        return Map.ofEntries(Map.entry("rawPayload", raw), Map.entry("notification.title", title),
                Map.entry("notification.subtitle", subtitle), Map.entry("notification.body", body),
                Map.entry("notification.sound", soundName), Map.entry("notification.badge", badge),
                Map.entry("notification.category", category), Map.entry("notification.threadId", threadId),
                Map.entry("notification.interruptionLevel", interruption),
                Map.entry("notification.relevanceScore", relevance), Map.entry("notification.data", data));
    }

    /** Shows a notification and raw payload as stored (a template's or a campaign's). */
    void read(Notification n, @Nullable String rawPayload) {
        expert.setValue(rawPayload != null);
        raw.setValue(text(rawPayload));
        title.setValue(text(n.title()));
        subtitle.setValue(text(n.subtitle()));
        body.setValue(text(n.body()));
        boolean silent = n.sound() == null || n.sound().isBlank() || "none".equals(n.sound());
        sound.setValue(silent ? "none" : "default".equals(n.sound()) ? "default" : SOUND_CUSTOM);
        soundName.setValue(silent || "default".equals(n.sound()) ? "" : n.sound());
        badge.setValue(n.badge());
        category.setValue(text(n.category()));
        threadId.setValue(text(n.threadId()));
        mutableContent.setValue(n.mutableContent());
        contentAvailable.setValue(n.contentAvailable());
        interruption.setValue(text(n.interruptionLevel()));
        relevance.setValue(n.relevanceScore());
        data.setValue(text(n.data()));
    }

    /** The alert as the fields state it, in the given wording. */
    Notification notification(ContentVersion wording) {
        String chosenSound = switch (sound.getValue() == null ? "none" : sound.getValue()) {
            case "default" -> "default";
            case SOUND_CUSTOM -> soundName.getValue();
            default -> null;
        };
        return new Notification(wording.title(), wording.subtitle(), wording.body(), chosenSound, badge.getValue(),
                category.getValue(), threadId.getValue(), mutableContent.getValue(), contentAvailable.getValue(),
                interruption.getValue(), relevance.getValue(), data.getValue());
    }

    /** The raw payload typed in expert mode; none when composing, or for a Live Activity. */
    @Nullable String rawPayload(PushType type) {
        return expert.getValue() && type != PushType.LIVEACTIVITY ? raw.getValue() : null;
    }

    /** The wording the fields hold: that of the version and languages the tabs show. */
    ContentVersion wording() {
        return new ContentVersion(title.getValue(), subtitle.getValue(), body.getValue(), variants.value());
    }

    /** Puts a version's wording into the fields. */
    void showWording(ContentVersion wording) {
        title.setValue(text(wording.title()));
        subtitle.setValue(text(wording.subtitle()));
        body.setValue(text(wording.body()));
        variants.reword(wording.variants());
    }

    /**
     * Shows the fields that belong to the push type and mode. The language tabs show for alerts, and
     * for any campaign that still has variants (so they can be removed); a locale can be added only
     * where the rules take variants. The default tab's texts are the wording fields themselves.
     */
    void showModes(PushType type, boolean broadcast, boolean localTime, boolean opensTracked) {
        boolean live = type == PushType.LIVEACTIVITY;
        boolean isExpert = expert.getValue() && !live;
        expert.setVisible(!live);
        raw.setVisible(isExpert);
        for (Component content : List.of(sound, badge, mutableContent, interruption)) {
            content.setVisible(!isExpert && type.alertAllowed());
        }
        boolean allowed = type == PushType.ALERT && !isExpert && !broadcast;
        variants.setVisible(allowed || !variants.value().isEmpty());
        variants.allowAdding(allowed, getTranslation(isExpert ? "campaign.variants.raw"
                : broadcast ? "campaign.variants.broadcast" : "campaign.variants.alert-only"));
        abTest.allow(allowed, !allowed ? getTranslation("campaign.abTest.alert-only")
                : localTime ? getTranslation("campaign.abTest.local-time") : null);
        abTest.warnUntracked(!opensTracked);
        boolean defaultShown = variants.selected() == 0;
        for (Component content : List.of(title, subtitle, body)) {
            content.setVisible(!isExpert && type.alertAllowed() && defaultShown);
        }
        for (Component content : List.of(category, threadId, contentAvailable, relevance, data)) {
            content.setVisible(!isExpert && !live);
        }
        soundName.setVisible(!isExpert && type.alertAllowed() && SOUND_CUSTOM.equals(sound.getValue()));
    }
}
