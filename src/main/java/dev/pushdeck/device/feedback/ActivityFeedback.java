package dev.pushdeck.device.feedback;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.internal.ActivityRepository;
import dev.pushdeck.device.internal.ActivityRepository.Ending;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What APNs says about Live Activity tokens, for the dispatcher: a refused or gone activity
 * token ends that token, never its device (the device's own token is a different one and may
 * be fine). Like {@link DeviceFeedback} it is for trusted background callers without a
 * principal: the tenant is explicit, there is no role check, and it is not reachable from the
 * UI or the REST API. Joins the caller's transaction (or opens one). Thread-safe. Tokens the
 * app no longer has are ignored; a token registered again after the moment given stays.
 */
@Service
public class ActivityFeedback {

    /** The reason stored when APNs accepted an {@code end} event for the token. */
    public static final String ENDED_BY_CAMPAIGN = "EndedByCampaign";
    static final int CHUNK = 1000;

    private final ActivityRepository activities;

    ActivityFeedback(ActivityRepository activities) {
        this.activities = activities;
    }

    /** An activity token APNs refused or reported gone, with Apple's reason and when. */
    public record EndedToken(String token, String reason, Instant at) {
    }

    /**
     * Ends the app's activity tokens, each with its reason and time, in statements of at most
     * {@value #CHUNK} tokens.
     *
     * @return how many tokens ended
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public int ended(UUID tenantId, UUID appId, ApnsEnvironment environment, List<EndedToken> tokens) {
        int ended = 0;
        for (int from = 0; from < tokens.size(); from += CHUNK) {
            ended += activities.end(tenantId, appId, environment, tokens.subList(from,
                    Math.min(tokens.size(), from + CHUNK)).stream()
                    .map(token -> new Ending(token.token(), token.at(), token.reason())).toList());
        }
        return ended;
    }
}
