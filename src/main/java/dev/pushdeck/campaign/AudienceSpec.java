package dev.pushdeck.campaign;

import dev.pushdeck.device.Audience;
import dev.pushdeck.device.Environment;
import java.util.List;

/**
 * Whom a campaign targets among the app's ACTIVE devices of its environment, as the
 * composer and the API state it.
 *
 * @param tags    for {@link Type#TAGS}: the tags, matched as {@link #match}
 * @param tokens  for {@link Type#TOKENS}: normalized device tokens
 * @param aliases for {@link Type#ALIASES}: the app's user ids, matched exactly (transactional sends)
 */
public record AudienceSpec(Type type, List<String> tags, Match match, List<String> tokens, List<String> aliases) {

    public enum Type { ALL, TAGS, TOKENS, TEST_DEVICES, ALIASES }

    public enum Match { ANY, ALL }

    public static final AudienceSpec ALL_DEVICES = new AudienceSpec(Type.ALL, List.of(), Match.ANY, List.of());

    public AudienceSpec {
        type = type == null ? Type.ALL : type;
        tags = tags == null ? List.of() : List.copyOf(tags);
        match = match == null ? Match.ANY : match;
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** An audience without aliases. */
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

    /** Whether the audience names its devices one by one and names none, so it reaches nobody. */
    public boolean namesNobody() {
        return type == Type.TOKENS && tokens.isEmpty() || type == Type.TAGS && tags.isEmpty()
                || type == Type.ALIASES && aliases.isEmpty();
    }

    /** The device module's audience for this spec in one environment. */
    public Audience toAudience(Environment environment) {
        return switch (type) {
            case ALL -> Audience.everyone(environment);
            case TAGS -> new Audience(environment, match == Match.ANY ? tags : List.of(),
                    match == Match.ALL ? tags : List.of(), List.of(), false);
            case TOKENS -> new Audience(environment, List.of(), List.of(), tokens, false);
            case TEST_DEVICES -> new Audience(environment, List.of(), List.of(), List.of(), true);
            case ALIASES -> new Audience(environment, List.of(), List.of(), List.of(), false, aliases);
        };
    }
}
