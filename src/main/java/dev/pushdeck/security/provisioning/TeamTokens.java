package dev.pushdeck.security.provisioning;

import dev.pushdeck.security.CreatedApiToken;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.ValidationException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Team API tokens made without a signed-in member of the team: for provisioning a new team and for
 * the operator's bootstrap token. People create theirs through the role-checked
 * {@link dev.pushdeck.security.ApiTokenService}.
 *
 * <p>For trusted callers only: the team is explicit and no role is checked, so the caller has
 * already checked the right to do so. Thread-safe; each call joins the caller's transaction or
 * opens one, and is audited in the team.
 */
public interface TeamTokens {

    /**
     * Issues a token for the team, shown once in what this returns.
     *
     * @throws ValidationException on {@code name} for a bad name, on {@code role} for OWNER (owners are people)
     */
    CreatedApiToken issue(UUID teamId, @Nullable String name, Role role, boolean instanceScope);

    /**
     * Stores a token chosen by the operator (the bootstrap variable) as an instance-scoped ADMIN token.
     *
     * @throws IllegalArgumentException when it is not a well-formed {@code pdt_} token
     */
    void importBootstrapToken(UUID teamId, String token);
}
