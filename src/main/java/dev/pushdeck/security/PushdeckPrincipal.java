package dev.pushdeck.security;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is acting: a signed-in person or a team API token, and the team they act in.
 * Every service takes the team from here, never from a URL or a form.
 *
 * @param kind          a person or a token
 * @param id            the user id, or the token id
 * @param name          the user's email, or the token's name
 * @param displayName   what to show in headers and audit rows
 * @param teamId        the current team, or {@code null} for a person without a team
 * @param role          the role in {@code teamId}, or {@code null} without a team
 * @param instanceAdmin may create teams (instance administrators and instance-scoped tokens)
 */
public record PushdeckPrincipal(Kind kind, UUID id, String name, String displayName, UUID teamId, Role role,
                                boolean instanceAdmin) implements Serializable {

    public enum Kind { USER, API_TOKEN }

    public Optional<UUID> team() {
        return Optional.ofNullable(teamId);
    }

    /** How audit rows name this actor. */
    public String actorLabel() {
        return kind == Kind.USER ? name : "token:" + name;
    }

    PushdeckPrincipal inTeam(UUID newTeamId, Role newRole) {
        return new PushdeckPrincipal(kind, id, name, displayName, newTeamId, newRole, instanceAdmin);
    }

    PushdeckPrincipal withInstanceAdmin(boolean admin) {
        return new PushdeckPrincipal(kind, id, name, displayName, teamId, role, admin);
    }
}
