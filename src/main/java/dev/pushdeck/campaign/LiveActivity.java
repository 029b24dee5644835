package dev.pushdeck.campaign;

import dev.pushdeck.device.ActivityKind;
import dev.pushdeck.shared.error.ValidationException;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.NullUnmarked;

/**
 * What a Live Activity push says, in the composer's terms; the payload is built from it with
 * Apple's keys (see docs/decisions/038-live-activities.md). Blank texts mean "not set".
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 *
 * @param event          start (push-to-start), update or end
 * @param attributesType the app's ActivityAttributes type: sent with a start; for every event it
 *                       also picks the registered tokens the push reaches
 * @param attributes     a start's attributes, as JSON object text
 * @param contentState   the activity's content state, as JSON object text (optional for an end)
 * @param staleDate      when the system shows the content as outdated (start, update), or null
 * @param dismissalDate  when the system removes an ended activity from the Lock Screen (end), or null
 * @param relevanceScore which of the app's activities the system features first (start, update), or null
 * @param alertTitle     an alert with the event (required with a start), or null
 */
@NullUnmarked
public record LiveActivity(Event event, String attributesType, String attributes, String contentState,
                           Instant staleDate, Instant dismissalDate, Double relevanceScore, String alertTitle,
                           String alertBody, String alertSound) {

    /** The {@code event} of the payload. */
    public enum Event {
        START, UPDATE, END;

        /** The payload's word: {@code start}, {@code update}, {@code end}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads the payload's word, case-insensitively; null stays null.
         *
         * @throws ValidationException on {@code liveActivity.event} for anything else
         */
        public static Event parse(String value) {
            if (value == null) {
                return null;
            }
            for (Event event : values()) {
                if (event.wire().equalsIgnoreCase(value.trim())) {
                    return event;
                }
            }
            throw new ValidationException("liveActivity.event", "campaign.live-activity.event.invalid");
        }
    }

    /** An update with this content state and nothing else. */
    public static LiveActivity update(String attributesType, String contentState) {
        return new LiveActivity(Event.UPDATE, attributesType, null, contentState, null, null, null, null, null, null);
    }

    /** The kind of token the event goes to: a start to push-to-start tokens, the others to the activity's own. */
    public ActivityKind tokenKind() {
        return event == Event.START ? ActivityKind.PUSH_TO_START : ActivityKind.UPDATE;
    }

    /** Whether an alert title or body is set. */
    public boolean hasAlert() {
        return !blank(alertTitle) || !blank(alertBody);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
