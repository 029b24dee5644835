package dev.pushdeck.security;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is acting: a signed-in person, a team API token, an app key or a metrics token, and
 * the team they act in (a metrics token acts in none). Every service takes the team from here, never from a URL or a form.
 *
 * @param kind          a person, a team token or an app key
 * @param id            the user id, or the token's or key's id
 * @param name          the user's email, or the token's or key's name
 * @param displayName   what to show in headers and audit rows
 * @param teamId        the current team, or {@code null} for a person without a team
 * @param role          the role in {@code teamId}, or {@code null} without a team
 * @param instanceAdmin may create teams (instance administrators and instance-scoped tokens)
 * @param appId         for an app key, the only app it may register devices for; else {@code null}
 */
public record PushdeckPrincipal(Kind kind, UUID id, String name, String displayName, @Nullable UUID teamId,
                                @Nullable Role role, boolean instanceAdmin, @Nullable UUID appId) implements Serializable {

    public enum Kind { USER, API_TOKEN, APP_KEY, METRICS_TOKEN }

    /** A person or a team token (no app key). */
    public PushdeckPrincipal(Kind kind, UUID id, String name, String displayName, @Nullable UUID teamId,
                             @Nullable Role role, boolean instanceAdmin) {
        this(kind, id, name, displayName, teamId, role, instanceAdmin, null);
    }

    public Optional<UUID> team() {
        return Optional.ofNullable(teamId);
    }

    /** How audit rows name this actor. */
    public String actorLabel() {
        return switch (kind) {
            case USER -> name;
            case API_TOKEN -> "token:" + name;
            case APP_KEY -> "app-key:" + name;
            case METRICS_TOKEN -> "metrics-token:" + name;
        };
    }

    PushdeckPrincipal inTeam(@Nullable UUID newTeamId, @Nullable Role newRole) {
        return new PushdeckPrincipal(kind, id, name, displayName, newTeamId, newRole, instanceAdmin, appId);
    }

    PushdeckPrincipal withInstanceAdmin(boolean admin) {
        return new PushdeckPrincipal(kind, id, name, displayName, teamId, role, admin, appId);
    }
}
