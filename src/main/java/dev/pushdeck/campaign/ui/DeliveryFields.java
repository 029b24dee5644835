package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.internal.CampaignRules;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The composer's delivery options: push type, priority, how long APNs keeps trying, the collapse
 * id, the pace of the send and whether opens are tracked. A time to stop trying is in the
 * schedule's zone.
 */
final class DeliveryFields extends ComposerSection {

    /** Units offered for "keep trying for"; a stored duration in other units shows in seconds. */
    private static final List<ChronoUnit> EXPIRATION_UNITS = List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES);

    /** How long APNs keeps trying a device that is away: for a while after the send, until a time, or once. */
    enum ExpirationMode {
        AFTER, AT, NONE;

        String key() {
            return "composer.expiration." + name().toLowerCase(Locale.ROOT);
        }
    }

    final Select<PushType> pushType = new Select<>();
    final Select<Integer> priority = new Select<>();
    final Select<ExpirationMode> expiration = new Select<>();
    final IntegerField expiresAfter = new IntegerField();
    final Select<ChronoUnit> expiresAfterUnit = new Select<>();
    final DateTimePicker expiresAt = new DateTimePicker();
    final TextField collapseId = field("composer.collapse-id");
    final IntegerField throttle = new IntegerField();
    /** Whether the payload carries the key apps report opens and receipts with (decision 045). */
    final Checkbox trackOpens = new Checkbox();
    private final Supplier<ZoneId> zone;

    /** @param zone the schedule's zone, which a time to stop trying is in */
    DeliveryFields(Supplier<ZoneId> zone) {
        this.zone = zone;
        choice(pushType, "composer.push-type", Arrays.asList(PushType.values()), PushType.ALERT,
                type -> getTranslation("composer.push-type." + type.wire()));
        choice(priority, "composer.priority", CampaignRules.PRIORITIES, CampaignRules.PRIORITIES.get(0),
                this::priorityLabel);
        choice(expiration, "composer.expiration", Arrays.asList(ExpirationMode.values()), ExpirationMode.AFTER,
                mode -> getTranslation(mode.key()));
        expiresAfter.setLabel(getTranslation("composer.expiration.amount"));
        expiresAfter.setValueChangeMode(ValueChangeMode.EAGER);
        choice(expiresAfterUnit, "composer.expiration.unit", EXPIRATION_UNITS, ChronoUnit.HOURS,
                unit -> getTranslation("composer.expiration.unit." + unit.name().toLowerCase(Locale.ROOT)));
        expiresAt.setLabel(getTranslation("composer.expiration.at-time"));
        showExpiration(Expiration.DEFAULT);
        throttle.setLabel(getTranslation("composer.throttle"));
        throttle.setHelperText(getTranslation("composer.throttle.help"));
        throttle.setValueChangeMode(ValueChangeMode.EAGER);
        trackOpens.setLabel(getTranslation("composer.track-opens"));
        trackOpens.setHelperText(getTranslation("composer.track-opens.help"));
        trackOpens.setValue(true);
        layOut("composer.section.delivery", pushType, priority, expiration, expiresAfter, expiresAfterUnit,
                expiresAt, collapseId, throttle, trackOpens);
    }

    /** Every input whose change changes the draft. */
    List<HasValue<?, ?>> inputs() {
        return List.of(pushType, priority, expiration, expiresAfter, expiresAfterUnit, expiresAt, collapseId,
                throttle, trackOpens);
    }

    /** The inputs by the JSON path the campaign rules name their problems with. */
    Map<String, HasValidationProperties> fieldsByPath() {
        return Map.of("pushType", pushType, "priority", priority, "expiresAfterSeconds", expiresAfter,
                "expiresAt", expiresAt, "collapseId", collapseId, "throttlePerMinute", throttle);
    }

    /** Shows a stored campaign's options but its expiration, which {@link #showExpiration} shows. */
    void read(CampaignDraft draft) {
        pushType.setValue(draft.pushType());
        showStored(priority, CampaignRules.PRIORITIES, draft.priority());
        collapseId.setValue(text(draft.collapseId()));
        throttle.setValue(draft.throttlePerMinute());
        trackOpens.setValue(draft.trackOpens());
    }

    /**
     * Puts an expiration in the form as stored: a whole number of the largest unit that fits, a
     * time in the schedule's zone (so the schedule is shown first), or try once.
     */
    void showExpiration(Expiration stored) {
        expiration.setValue(stored.afterSeconds() != null ? ExpirationMode.AFTER
                : stored.at() != null ? ExpirationMode.AT : ExpirationMode.NONE);
        if (stored.afterSeconds() != null) {
            ChronoUnit unit = Stream.of(ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)
                    .filter(candidate -> stored.afterSeconds() % candidate.getDuration().getSeconds() == 0)
                    .findFirst().orElseThrow();
            showStored(expiresAfterUnit, EXPIRATION_UNITS, unit);
            // Longer than a field holds is longer than the rules allow: the check says so on the field.
            expiresAfter.setValue((int) Math.min(Integer.MAX_VALUE,
                    stored.afterSeconds() / unit.getDuration().getSeconds()));
        }
        if (stored.at() != null) {
            expiresAt.setValue(stored.at().atZone(zone.get()).toLocalDateTime());
        }
    }

    /** The expiration as the fields state it. */
    Expiration expirationValue() {
        return switch (expiration.getValue()) {
            case AFTER -> Expiration.after(expiresAfter.getValue() == null ? 0L
                    : expiresAfter.getValue() * expiresAfterUnit.getValue().getDuration().getSeconds());
            case AT -> new Expiration(null, expiresAt.getValue() == null ? null
                    : expiresAt.getValue().atZone(zone.get()).toInstant());
            case NONE -> Expiration.NONE;
        };
    }

    int priorityValue() {
        return priority.getValue() == null ? 10 : priority.getValue();
    }

    /**
     * "Until a fixed time" needs the time; without it the draft would quietly mean "try once".
     *
     * @param shows whether a field's problem is shown yet
     */
    boolean expirationComplete(Predicate<HasValidationProperties> shows) {
        if (expiration.getValue() != ExpirationMode.AT || expiresAt.getValue() != null) {
            return true;
        }
        if (shows.test(expiresAt)) {
            expiresAt.setInvalid(true);
            expiresAt.setErrorMessage(getTranslation("campaign.schedule.at.required"));
        }
        return false;
    }

    /** Shows the fields that belong to the push type and the chosen expiration. */
    void showModes() {
        PushType type = pushType.getValue();
        priority.setHelperText(type == PushType.LIVEACTIVITY ? getTranslation("composer.priority.live-activity") : null);
        trackOpens.setVisible(type.appReadsPayload());
        priority.setReadOnly(type.forcesPriority());
        if (type.forcesPriority() && priority.getValue() != type.effectivePriority(10)) {
            priority.setValue(type.effectivePriority(10));
        }
        ExpirationMode expiring = expiration.getValue();
        expiresAfter.setVisible(expiring == ExpirationMode.AFTER);
        expiresAfterUnit.setVisible(expiring == ExpirationMode.AFTER);
        expiresAt.setVisible(expiring == ExpirationMode.AT);
        expiration.setHelperText(getTranslation(expiring.key() + ".help"));
    }

    private String priorityLabel(int value) {
        return CampaignRules.PRIORITIES.contains(value) ? getTranslation("composer.priority." + value)
                : getTranslation("composer.priority.unsupported", value);
    }
}
