package dev.pushdeck.campaign.dispatcher;

import dev.pushdeck.campaign.LiveActivity;
import dev.pushdeck.campaign.internal.LiveActivityPayload;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Composes Live Activity updates and ends for broadcast channels with the campaign rules and
 * Apple's keys, so the dispatcher's broadcast sends say exactly what a campaign would (see
 * docs/decisions/039-broadcast-push.md). Performs no role check (its caller does). Thread-safe.
 */
@Service
public class LiveActivityBroadcasts {

    private final Clock clock;

    LiveActivityBroadcasts(Clock clock) {
        this.clock = clock;
    }

    /**
     * The payload of {@code activity}, an update or end, with {@code aps.timestamp} now.
     *
     * @throws dev.pushdeck.shared.error.ValidationException every problem named by its path under {@code liveActivity}
     *                                                 (a start, a missing content state, a past stale date, the size)
     */
    public String payload(@Nullable LiveActivity activity) {
        return LiveActivityPayload.broadcast(activity, clock.instant());
    }
}
