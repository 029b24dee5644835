package dev.pushdeck.campaign;

import dev.pushdeck.device.Audience;
import dev.pushdeck.device.Environment;
import java.util.List;

/**
 * Whom a campaign targets among the app's ACTIVE devices of its environment, as the
 * composer and the API state it.
 *
 * @param tags   for {@link Type#TAGS}: the tags, matched as {@link #match}
 * @param tokens for {@link Type#TOKENS}: normalized device tokens
 */
public record AudienceSpec(Type type, List<String> tags, Match match, List<String> tokens) {

    public enum Type { ALL, TAGS, TOKENS, TEST_DEVICES }

    public enum Match { ANY, ALL }

    public static final AudienceSpec ALL_DEVICES = new AudienceSpec(Type.ALL, List.of(), Match.ANY, List.of());

    public AudienceSpec {
        type = type == null ? Type.ALL : type;
        tags = tags == null ? List.of() : List.copyOf(tags);
        match = match == null ? Match.ANY : match;
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** The device module's audience for this spec in one environment. */
    public Audience toAudience(Environment environment) {
        return switch (type) {
            case ALL -> Audience.everyone(environment);
            case TAGS -> new Audience(environment, match == Match.ANY ? tags : List.of(),
                    match == Match.ALL ? tags : List.of(), List.of(), false);
            case TOKENS -> new Audience(environment, List.of(), List.of(), tokens, false);
            case TEST_DEVICES -> new Audience(environment, List.of(), List.of(), List.of(), true);
        };
    }
}
