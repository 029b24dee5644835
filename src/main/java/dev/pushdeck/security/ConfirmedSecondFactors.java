package dev.pushdeck.security;

import dev.pushdeck.security.internal.TwoFactorRepository;
import dev.pushdeck.security.memberships.TwoFactorStates;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Two-factor sign-in is on for a person once they confirmed it with a code. */
@Service
class ConfirmedSecondFactors implements TwoFactorStates {

    private final TwoFactorRepository factors;

    ConfirmedSecondFactors(TwoFactorRepository factors) {
        this.factors = factors;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean enabled(UUID userId) {
        return factors.confirmedAt(userId).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> enabledAmong(Collection<UUID> userIds) {
        return factors.confirmedAmong(userIds);
    }
}
