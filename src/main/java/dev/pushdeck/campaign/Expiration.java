package dev.pushdeck.campaign;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.NullUnmarked;

/**
 * How long APNs keeps a notification for a device that is off or out of coverage
 * ({@code apns-expiration}): a number of seconds after the delivery's release (the launch, or
 * for device-local campaigns the device's local time), or until a fixed instant. {@link #NONE}
 * stores nothing: APNs tries once, and a device that is offline at that moment never gets the
 * notification. At most one of the two is set; see
 * docs/decisions/025-launch-faults-and-stored-expiration.md.
 *
 * <p>Content as given, so not null-marked: a part may be missing until the campaign rules judge it
 * (docs/decisions/048-nullness-checked-at-compile-time.md).
 */
@NullUnmarked
public record Expiration(Long afterSeconds, Instant at) {

    /** Try once and store nothing ({@code apns-expiration: 0}). */
    public static final Expiration NONE = new Expiration(null, null);
    /** What a campaign gets unless someone chooses otherwise: kept 24 hours after each delivery's release. */
    public static final Expiration DEFAULT = new Expiration(Duration.ofHours(24).toSeconds(), null);

    public static Expiration after(long seconds) {
        return new Expiration(seconds, null);
    }

    public static Expiration at(Instant instant) {
        return new Expiration(null, instant);
    }

    /**
     * An expiration as a request states it: neither value means {@link #DEFAULT};
     * {@code afterSeconds} 0 alone asks APNs to try once ({@link #NONE}), as
     * {@code apns-expiration: 0} does; anything else is taken as given, for the campaign rules
     * to judge.
     */
    public static Expiration stated(Long afterSeconds, Instant at) {
        if (afterSeconds == null && at == null) {
            return DEFAULT;
        }
        if (at == null && afterSeconds == 0) {
            return NONE;
        }
        return new Expiration(afterSeconds, at);
    }

    /** Whether APNs tries once and stores nothing. */
    public boolean none() {
        return afterSeconds == null && at == null;
    }
}
