package dev.pushdeck.campaign;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.Audience;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.NullUnmarked;

/**
 * Whom a campaign targets among the app's devices of its environment, as the composer and the
 * API state it. A Live Activity campaign reaches the activity tokens of the devices selected
 * (see {@link CampaignDraft#reach()}), or, with {@link Type#ACTIVITIES}, those of some activities.
 * With {@link Type#CHANNEL} it reaches no device at all: a Live Activity update or end is broadcast
 * once to a channel, and Apple hands it to every activity subscribed to it
 * (docs/decisions/044-broadcast-campaigns.md).
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 *
 * @param tags        for {@link Type#TAGS}: the tags, matched as {@link #match}
 * @param tokens      for {@link Type#TOKENS}: normalized tokens (activity tokens for a Live Activity)
 * @param aliases     for {@link Type#ALIASES}: the app's user ids, matched exactly (transactional sends)
 * @param activityIds for {@link Type#ACTIVITIES}: the app's ids of the activities to update or end
 * @param channel     for {@link Type#CHANNEL}: the id of the app's listed broadcast channel, or null when none
 *                    is chosen (or the channel was deleted since)
 * @param filters     what the app reported (version, last seen, properties), ANDed with any type but
 *                    {@link Type#CHANNEL} (docs/decisions/051-device-attributes.md)
 */
@NullUnmarked
public record AudienceSpec(Type type, List<String> tags, Match match, List<String> tokens, List<String> aliases,
                           List<String> activityIds, UUID channel, List<AttributeFilter> filters) {

    public enum Type { ALL, TAGS, TOKENS, TEST_DEVICES, ALIASES, ACTIVITIES, CHANNEL }

    public enum Match { ANY, ALL }

    public static final AudienceSpec ALL_DEVICES = new AudienceSpec(Type.ALL, List.of(), Match.ANY, List.of());

    public AudienceSpec {
        type = type == null ? Type.ALL : type;
        tags = tags == null ? List.of() : List.copyOf(tags);
        match = match == null ? Match.ANY : match;
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        activityIds = activityIds == null ? List.of() : List.copyOf(activityIds);
        channel = type == Type.CHANNEL ? channel : null;
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** An audience without attribute filters. */
    public AudienceSpec(Type type, List<String> tags, Match match, List<String> tokens, List<String> aliases,
                        List<String> activityIds, UUID channel) {
        this(type, tags, match, tokens, aliases, activityIds, channel, List.of());
    }

    /** An audience without a channel. */
    public AudienceSpec(Type type, List<String> tags, Match match, List<String> tokens, List<String> aliases,
                        List<String> activityIds) {
        this(type, tags, match, tokens, aliases, activityIds, null);
    }

    /** An audience without activity ids. */
    public AudienceSpec(Type type, List<String> tags, Match match, List<String> tokens, List<String> aliases) {
        this(type, tags, match, tokens, aliases, List.of());
    }

    /** An audience without aliases or activity ids. */
    public AudienceSpec(Type type, List<String> tags, Match match, List<String> tokens) {
        this(type, tags, match, tokens, List.of());
    }

    /** The team's test devices. */
    public static AudienceSpec testDevices() {
        return new AudienceSpec(Type.TEST_DEVICES, List.of(), Match.ANY, List.of());
    }

    /** Explicit tokens. */
    public static AudienceSpec tokens(List<String> tokens) {
        return new AudienceSpec(Type.TOKENS, List.of(), Match.ANY, tokens);
    }

    /** Some activities, by the app's ids for them. */
    public static AudienceSpec activities(List<String> activityIds) {
        return new AudienceSpec(Type.ACTIVITIES, List.of(), Match.ANY, List.of(), List.of(), activityIds);
    }

    /** A broadcast channel of the app, by its listed id. */
    public static AudienceSpec channel(UUID channel) {
        return new AudienceSpec(Type.CHANNEL, List.of(), Match.ANY, List.of(), List.of(), List.of(), channel);
    }

    /** The same audience, narrowed by {@code newFilters} instead of its own. */
    public AudienceSpec withFilters(List<AttributeFilter> newFilters) {
        return new AudienceSpec(type, tags, match, tokens, aliases, activityIds, channel, newFilters);
    }

    /** Whether the audience names its devices one by one and names none, so it reaches nobody. */
    public boolean namesNobody() {
        return type == Type.TOKENS && tokens.isEmpty() || type == Type.TAGS && tags.isEmpty()
                || type == Type.ALIASES && aliases.isEmpty() || type == Type.ACTIVITIES && activityIds.isEmpty();
    }

    /** Whether this is a broadcast channel, which reaches activities through Apple and no device of ours. */
    public boolean broadcast() {
        return type == Type.CHANNEL;
    }

    /**
     * The device module's audience for this spec in one environment (activities: their devices, all of them).
     *
     * @throws IllegalStateException for a channel, which selects no devices (so it can never fan out to all)
     */
    public Audience toAudience(ApnsEnvironment environment) {
        return devices(environment).withFilters(filters);
    }

    private Audience devices(ApnsEnvironment environment) {
        return switch (type) {
            case CHANNEL -> throw new IllegalStateException("a broadcast channel selects no devices");
            case ALL, ACTIVITIES -> Audience.everyone(environment);
            case TAGS -> new Audience(environment, match == Match.ANY ? tags : List.of(),
                    match == Match.ALL ? tags : List.of(), List.of(), false);
            case TOKENS -> new Audience(environment, List.of(), List.of(), tokens, false);
            case TEST_DEVICES -> new Audience(environment, List.of(), List.of(), List.of(), true);
            case ALIASES -> new Audience(environment, List.of(), List.of(), List.of(), false, aliases);
        };
    }
}
