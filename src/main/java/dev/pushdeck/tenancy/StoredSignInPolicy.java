package dev.pushdeck.tenancy;

import dev.pushdeck.security.memberships.TeamSignInPolicy;
import dev.pushdeck.tenancy.internal.TeamPolicyRepository;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a team demands at sign-in, as its owners set it through {@link TeamSecurityService}. */
@Service
class StoredSignInPolicy implements TeamSignInPolicy {

    private final TeamPolicyRepository policies;

    StoredSignInPolicy(TeamPolicyRepository policies) {
        this.policies = policies;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean requiresTwoFactor(UUID teamId) {
        return policies.requiresTwoFactor(teamId);
    }
}
