package dev.pushdeck.device.internal;

import dev.pushdeck.app.AppRegistrationRatesChanged;
import dev.pushdeck.app.RegistrationRates;
import dev.pushdeck.app.registration.AppRegistrationRates;
import dev.pushdeck.device.RateLimitedException;
import dev.pushdeck.shared.error.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Rate limits of the registration API: one bucket per app key and one per client address
 * and app, both must grant. The rates are the app's own or the node-wide ones
 * ({@link dev.pushdeck.app.RegistrationDefaults}); they are remembered per app for
 * {@value #RATES_TTL_SECONDS} seconds so a busy app's registrations do not read them every
 * time, and forgotten at once when changed on this node. Per node, in memory. Thread-safe.
 */
@Component
public class RegistrationLimits {

    static final long RATES_TTL_SECONDS = 5;

    private final AppRegistrationRates stored;
    private final Clock clock;
    private final TokenBuckets perKey;
    private final TokenBuckets perAddress;
    private final Map<UUID, Remembered> rates = new ConcurrentHashMap<>();

    private record Remembered(RegistrationRates rates, Instant until) {
    }

    RegistrationLimits(AppRegistrationRates stored, Clock clock) {
        this.stored = stored;
        this.clock = clock;
        this.perKey = new TokenBuckets(clock);
        this.perAddress = new TokenBuckets(clock);
    }

    /**
     * Takes a permit for the key and the address, or throws with the time to wait.
     *
     * @throws RateLimitedException over either limit
     * @throws NotFoundException the app is gone
     */
    public void acquire(UUID teamId, UUID appId, UUID keyId, @Nullable String address) {
        RegistrationRates limits = ratesOf(teamId, appId);
        Duration addressWait = perAddress.take(appId + " " + (address == null ? "?" : address),
                limits.addressRate(), limits.addressBurst());
        if (!addressWait.isZero()) {
            throw new RateLimitedException(addressWait);
        }
        Duration keyWait = perKey.take(keyId.toString(), limits.keyRate(), limits.keyBurst());
        if (!keyWait.isZero()) {
            throw new RateLimitedException(keyWait);
        }
    }

    private RegistrationRates ratesOf(UUID teamId, UUID appId) {
        Instant now = clock.instant();
        Remembered remembered = rates.get(appId);
        if (remembered != null && now.isBefore(remembered.until())) {
            return remembered.rates();
        }
        RegistrationRates current = stored.of(teamId, appId).orElseThrow(NotFoundException::new);
        rates.put(appId, new Remembered(current, now.plusSeconds(RATES_TTL_SECONDS)));
        return current;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void ratesChanged(AppRegistrationRatesChanged changed) {
        rates.remove(changed.appId());
    }

    @Scheduled(fixedDelayString = "PT1M")
    void forgetIdle() {
        perKey.forgetIdle();
        perAddress.forgetIdle();
        Instant now = clock.instant();
        rates.values().removeIf(remembered -> !now.isBefore(remembered.until()));
    }
}
