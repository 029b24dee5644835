package dev.pushdeck.campaign.internal;

import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.Payload;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.device.ActivityRules;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.device.DeviceToken;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one validation of campaigns, shared by the composer and the REST API. Every
 * problem is a {@link FieldError} named by its JSON path in the API body
 * ({@code notification.data}, {@code schedule.zone}, {@code audience.tokens[3]}, ...).
 * Pure apart from the "now" it is given; thread-safe.
 */
public final class CampaignRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_SHORT_TEXT = 255;
    public static final int MAX_COLLAPSE_ID_BYTES = 64;
    public static final int MAX_TOKENS = 10_000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_ALIAS = 200;
    public static final int MAX_THROTTLE = 1_000_000;
    public static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);
    public static final Duration MAX_AHEAD = Duration.ofDays(365);
    static final Set<String> INTERRUPTION_LEVELS = Set.of("passive", "active", "time-sensitive", "critical");
    /**
     * The apns-priority values this server sends, most urgent first. Apple also defines 1, but the
     * APNs client (Pushy 0.15.4) can only send 10 and 5, so 1 is refused with a reason of its own
     * (docs/decisions/025-launch-faults-and-stored-expiration.md).
     */
    public static final List<Integer> PRIORITIES = List.of(10, 5);
    private static final int UNSUPPORTED_PRIORITY = 1;

    private CampaignRules() {
    }

    /** A checked draft: its payload and schedule where they could be built, and every problem found. */
    public record Checked(CampaignDraft draft, @Nullable Payload payload, @Nullable ResolvedSchedule schedule,
                          List<FieldError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }

        /** @throws ValidationException with every problem, when there is one */
        public Checked orThrow() {
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return this;
        }
    }

    /** Checks everything that needs no database; the draft comes back with tags and tokens normalized. */
    public static Checked check(CampaignDraft given, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        CampaignDraft audienced = normalizeAudience(given, errors);
        CampaignDraft worded = audienced.withVariants(VariantRules.check(audienced, now, errors));
        CampaignDraft draft = worded.withAbTest(AbTestRules.check(worded, now, errors));
        checkName(draft.name(), errors);
        if (draft.environment() == null) {
            errors.add(new FieldError("environment", "device.environment.invalid"));
        }
        checkNotification(draft, errors);
        LiveActivityRules.check(draft, now, errors);
        Payload payload = attempt(() -> PayloadBuilder.build(draft, now), errors);
        if (payload != null && payload.overLimit()) {
            errors.add(new FieldError(draft.expert() ? "rawPayload" : draft.liveActivityComposed() ? "liveActivity"
                    : "notification", "campaign.payload.too-large", payload.bytes(), payload.limit()));
        }
        checkDelivery(draft, now, errors);
        ResolvedSchedule schedule = draft.schedule() == null ? null
                : attempt(() -> ScheduleResolver.resolve(draft.schedule()), errors);
        if (schedule != null) {
            checkWhen(schedule, now, errors);
            checkExpiresAfterLastRelease(draft.expiration(), schedule, now, errors);
        }
        checkQuietHours(draft, errors);
        return new Checked(draft, payload, schedule, List.copyOf(errors));
    }

    /**
     * As {@link #check}, allowing the {@link #sendingProblems} of a stored campaign being copied
     * into a draft: a draft is checked again before it is sent or scheduled, and the composer
     * shows the problem until someone changes the value.
     */
    public static Checked checkCopy(CampaignDraft copy, Instant now) {
        Checked checked = check(copy, now);
        Set<String> sendingOnly = sendingProblems(checked.draft()).stream().map(FieldError::key)
                .collect(Collectors.toSet());
        return new Checked(checked.draft(), checked.payload(), checked.schedule(),
                checked.errors().stream().filter(error -> !sendingOnly.contains(error.key())).toList());
    }

    private static void checkName(String name, List<FieldError> errors) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            errors.add(new FieldError("name", "error.name.length", MAX_NAME));
        }
    }

    private static void checkNotification(CampaignDraft draft, List<FieldError> errors) {
        PushType type = draft.pushType();
        if (type.rawOnly() && !draft.expert()) {
            errors.add(new FieldError("rawPayload", "campaign.raw.required", type.wire()));
        }
        if (draft.expert()) {
            return;
        }
        Notification n = draft.notification();
        if (n.badge() != null && n.badge() < 0) {
            errors.add(new FieldError("notification.badge", "campaign.badge.negative"));
        }
        if (n.interruptionLevel() != null && !n.interruptionLevel().isBlank()
                && !INTERRUPTION_LEVELS.contains(n.interruptionLevel())) {
            errors.add(new FieldError("notification.interruptionLevel", "campaign.interruption-level.invalid"));
        }
        if (n.relevanceScore() != null && !(n.relevanceScore() >= 0 && n.relevanceScore() <= 1)) {
            errors.add(new FieldError("notification.relevanceScore", "campaign.relevance-score.invalid"));
        }
        tooLong("notification.sound", n.sound(), errors);
        tooLong("notification.category", n.category(), errors);
        tooLong("notification.threadId", n.threadId(), errors);
        if (n.data() != null && !n.data().isBlank()) {
            int bytes = PayloadBuilder.utf8Bytes(n.data());
            if (bytes > type.limit()) {
                errors.add(new FieldError("notification.data", "campaign.data.too-large", bytes, type.limit()));
            }
        }
    }

    /**
     * What keeps a stored campaign from being sent as it is, however it was stored: a priority
     * this server cannot send (earlier versions accepted priority 1), or a Live Activity given as
     * a raw payload (earlier versions sent those to device tokens, which APNs refuses). Sending
     * now and the scheduler refuse such a campaign; the composer shows the same problem on the field.
     */
    public static List<FieldError> sendingProblems(CampaignDraft draft) {
        List<FieldError> problems = new ArrayList<>();
        if (draft.audience().broadcast() && draft.audience().channel() == null) {
            // Its channel was deleted after it was saved (the reference is cleared with the channel).
            problems.add(new FieldError("audience.channel", "campaign.audience.channel.gone"));
        }
        if (!draft.pushType().forcesPriority() && !PRIORITIES.contains(draft.priority())) {
            problems.add(new FieldError("priority", draft.priority() == UNSUPPORTED_PRIORITY
                    ? "campaign.priority.unsupported" : "campaign.priority.invalid"));
        }
        if (draft.pushType() == PushType.LIVEACTIVITY && draft.expert()) {
            problems.add(new FieldError("rawPayload", "campaign.live-activity.raw"));
        }
        return problems;
    }

    private static void checkDelivery(CampaignDraft draft, Instant now, List<FieldError> errors) {
        errors.addAll(sendingProblems(draft));
        Expiration expiration = draft.expiration();
        if (expiration.at() != null && expiration.afterSeconds() != null) {
            errors.add(new FieldError("expiresAt", "campaign.expiration.both"));
        } else if (expiration.at() != null && expiration.at().isBefore(now)) {
            errors.add(new FieldError("expiresAt", "campaign.expiration.past"));
        } else if (expiration.afterSeconds() != null && expiration.afterSeconds() <= 0) {
            errors.add(new FieldError("expiresAfterSeconds", "campaign.expiration.positive"));
        } else if (expiration.afterSeconds() != null && expiration.afterSeconds() > MAX_AHEAD.toSeconds()) {
            errors.add(new FieldError("expiresAfterSeconds", "campaign.expiration.too-long", MAX_AHEAD.toDays()));
        }
        String collapseId = draft.collapseId();
        if (collapseId != null && PayloadBuilder.utf8Bytes(collapseId) > MAX_COLLAPSE_ID_BYTES) {
            errors.add(new FieldError("collapseId", "campaign.collapse-id.too-long", MAX_COLLAPSE_ID_BYTES,
                    PayloadBuilder.utf8Bytes(collapseId)));
        }
        Integer throttle = draft.throttlePerMinute();
        if (throttle != null && (throttle < 1 || throttle > MAX_THROTTLE)) {
            errors.add(new FieldError("throttlePerMinute", "campaign.throttle.invalid", MAX_THROTTLE));
        }
    }

    /**
     * Quiet hours need both times in whole minutes, may not cover the whole day (nothing would ever
     * be sent), mean nothing to a broadcast (Apple reaches its devices, not us), and may not hold
     * the very local time a device-local campaign is scheduled at (every device would be held).
     */
    private static void checkQuietHours(CampaignDraft draft, List<FieldError> errors) {
        QuietHours quiet = draft.quietHours();
        if (quiet == null) {
            return;
        }
        if (draft.audience().broadcast()) {
            errors.add(new FieldError("quietHours", "campaign.quiet-hours.broadcast"));
            return;
        }
        boolean from = checkQuietTime("quietHours.from", quiet.from(), errors);
        boolean to = checkQuietTime("quietHours.to", quiet.to(), errors);
        if (!from || !to) {
            return;
        }
        if (quiet.from().equals(quiet.to())) {
            errors.add(new FieldError("quietHours.to", "campaign.quiet-hours.whole-day", quiet.from().toString()));
        } else if (draft.schedule() != null && draft.schedule().deviceLocalTime() && draft.schedule().at() != null
                && quiet.covers(draft.schedule().at().toLocalTime())) {
            errors.add(new FieldError("quietHours", "campaign.quiet-hours.schedule-inside",
                    draft.schedule().at().toLocalTime().toString()));
        }
    }

    /** Whether a quiet-hours time is given in whole minutes; names the problem otherwise. */
    private static boolean checkQuietTime(String field, LocalTime time, List<FieldError> errors) {
        if (time == null) {
            errors.add(new FieldError(field, "campaign.quiet-hours.time.required"));
            return false;
        }
        if (time.getSecond() != 0 || time.getNano() != 0) {
            errors.add(new FieldError(field, "campaign.quiet-hours.time.invalid"));
            return false;
        }
        return true;
    }

    /** A fixed expiration that passes before a device is due would leave it unsent (one in the past is named already). */
    private static void checkExpiresAfterLastRelease(Expiration expiration, ResolvedSchedule schedule, Instant now,
                                                     List<FieldError> errors) {
        Instant at = expiration.at();
        if (at != null && !at.isBefore(now) && !at.isAfter(schedule.lastAt())) {
            errors.add(new FieldError("expiresAt", "campaign.expiration.before-send"));
        }
    }

    private static void checkWhen(ResolvedSchedule schedule, Instant now, List<FieldError> errors) {
        if (schedule.firstAt().isBefore(now.minus(PAST_TOLERANCE))) {
            errors.add(new FieldError("schedule.at", "campaign.schedule.past"));
        } else if (schedule.lastAt().isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError("schedule.at", "campaign.schedule.too-far"));
        }
    }

    /**
     * Tags trimmed, de-duplicated and sorted; tokens normalized, each bad one named by its position;
     * attribute filters checked and their values normalized.
     */
    private static CampaignDraft normalizeAudience(CampaignDraft draft, List<FieldError> errors) {
        AudienceSpec audience = draft.audience();
        List<String> tags = List.of();
        List<String> tokens = List.of();
        List<String> aliases = List.of();
        List<String> activityIds = List.of();
        switch (audience.type()) {
            case TAGS -> tags = tags(audience.tags(), errors);
            case TOKENS -> tokens = tokens(audience.tokens(), errors);
            case ALIASES -> aliases = aliases(audience.aliases(), errors);
            case ACTIVITIES -> activityIds = activityIds(audience.activityIds(), errors);
            case CHANNEL -> {
                if (audience.channel() == null) {
                    errors.add(new FieldError("audience.channel", "campaign.audience.channel.required"));
                }
            }
            default -> { }
        }
        List<AttributeFilter> filters = AttributeFilters.check(audience.filters(), "audience.filters", errors);
        if (audience.broadcast() && !filters.isEmpty()) {
            // Apple hands a broadcast to every subscribed activity: nothing here chooses among them.
            errors.add(new FieldError("audience.filters", "campaign.audience.filters.channel"));
        }
        AudienceSpec clean = new AudienceSpec(audience.type(), tags, audience.match(), tokens, aliases, activityIds,
                audience.channel(), filters);
        return new CampaignDraft(draft.name() == null ? null : draft.name().strip(), draft.environment(),
                draft.notification(), draft.rawPayload(), draft.pushType(), draft.priority(), draft.expiration(),
                blankToNull(draft.collapseId()), clean, draft.schedule(), draft.throttlePerMinute(),
                draft.liveActivity(), draft.trackOpens(), draft.quietHours(), draft.variants(), draft.abTest());
    }

    private static List<String> tags(List<String> given, List<FieldError> errors) {
        TreeSet<String> tags = new TreeSet<>();
        for (String tag : given) {
            if (tag != null && !tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        if (tags.isEmpty()) {
            errors.add(new FieldError("audience.tags", "campaign.audience.tags.required"));
        } else if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError("audience.tags", "campaign.audience.tags.too-many", MAX_TAGS));
        }
        return List.copyOf(tags);
    }

    private static List<String> tokens(List<String> given, List<FieldError> errors) {
        LinkedHashSet<String> tokens = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<DeviceToken.Problem> problem = DeviceToken.check(given.get(i));
            if (problem.isPresent()) {
                errors.add(new FieldError("audience.tokens[" + i + "]", problem.get().key(), problem.get().args()));
            } else {
                tokens.add(DeviceToken.normalize(given.get(i)));
            }
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("audience.tokens", "campaign.audience.tokens.required"));
        } else if (given.size() > MAX_TOKENS) {
            errors.add(new FieldError("audience.tokens", "campaign.audience.tokens.too-many", MAX_TOKENS));
        }
        return List.copyOf(tokens);
    }

    /** Aliases as given apart from surrounding white space, de-duplicated; each bad one named by its position. */
    private static List<String> aliases(List<String> given, List<FieldError> errors) {
        LinkedHashSet<String> aliases = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String alias = given.get(i) == null ? "" : given.get(i).strip();
            if (alias.isEmpty() || alias.length() > MAX_ALIAS) {
                errors.add(new FieldError("audience.aliases[" + i + "]", "campaign.audience.alias.invalid", MAX_ALIAS));
            } else {
                aliases.add(alias);
            }
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("audience.aliases", "campaign.audience.aliases.required"));
        } else if (given.size() > MAX_TOKENS) {
            errors.add(new FieldError("audience.aliases", "campaign.audience.aliases.too-many", MAX_TOKENS));
        }
        return List.copyOf(aliases);
    }

    /** Activity ids as given apart from surrounding white space, de-duplicated; each bad one named by its position. */
    private static List<String> activityIds(List<String> given, List<FieldError> errors) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i) == null ? "" : given.get(i).strip();
            Optional<DeviceToken.Problem> problem = ActivityRules.activityId(id);
            if (problem.isPresent()) {
                errors.add(new FieldError("audience.activityIds[" + i + "]", problem.get().key(),
                        problem.get().args()));
            } else {
                ids.add(id);
            }
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("audience.activityIds", "campaign.audience.activities.required"));
        } else if (given.size() > MAX_TOKENS) {
            errors.add(new FieldError("audience.activityIds", "campaign.audience.activities.too-many", MAX_TOKENS));
        }
        return List.copyOf(ids);
    }

    private static void tooLong(String field, @Nullable String value, List<FieldError> errors) {
        if (value != null && value.length() > MAX_SHORT_TEXT) {
            errors.add(new FieldError(field, "error.too-long", MAX_SHORT_TEXT));
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static <T> @Nullable T attempt(java.util.function.Supplier<T> work, List<FieldError> errors) {
        try {
            return work.get();
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            return null;
        }
    }
}
