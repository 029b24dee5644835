package dev.pushdeck.campaign;

import java.time.Instant;

/**
 * When APNs may stop trying to deliver: never set ({@link #NONE}, APNs tries once), a
 * number of seconds after launch, or a fixed instant. At most one of the two is set.
 */
public record Expiration(Long afterSeconds, Instant at) {

    public static final Expiration NONE = new Expiration(null, null);

    public static Expiration after(long seconds) {
        return new Expiration(seconds, null);
    }

    public static Expiration at(Instant instant) {
        return new Expiration(null, instant);
    }

    public boolean none() {
        return afterSeconds == null && at == null;
    }
}
