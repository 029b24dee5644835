package dev.pushdeck.tenancy;

import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.SingleSignOn;
import dev.pushdeck.security.SsoAccounts;
import dev.pushdeck.security.SsoPerson;
import dev.pushdeck.security.UserAccount;
import dev.pushdeck.security.UserService;
import dev.pushdeck.tenancy.internal.TeamRepository;
import dev.pushdeck.tenancy.internal.TeamSlugs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * <b>The one place that decides who a person signed in by single sign-on is and which
 * account is theirs.</b> The identity provider has authenticated them and vouched for
 * their email ({@link SsoPerson#emailVerified()}); here that verified email is matched to
 * an existing account (case-insensitively), and nothing else is ever used to match.
 *
 * <p>Access comes from three sources: memberships the account already has, open invitations
 * to the verified email, and the provider's groups. Invitations are accepted here, through
 * {@link InvitationService}'s own acceptance, before access is decided: the provider vouching
 * for the email proves what opening the mailed link proves, so an invited person needs
 * neither the link nor a password. A group names a team and a role, either directly as
 * {@code pushdeck:<team-slug-or-id>:<role>} or through the {@code PUSHDECK_OIDC_GROUP_ROLES}
 * mapping ({@code group=team:role,...}, e.g. for Entra ID's group ids). Groups add the
 * person to the team or raise their role; they never lower a role or remove anyone (an
 * admin does that), so a group cannot take away a team's last owner. A person with no
 * account is given one only when an invitation or a group grants them a team; anyone else
 * gets no account and no access ("ask an admin to invite you").
 *
 * <p>Thread-safe; one transaction per sign-in. Unknown teams or roles in groups are
 * ignored (logged), never an error for the person signing in.
 */
@Service
public class SingleSignOnAccounts implements SsoAccounts {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnAccounts.class);
    private static final String GROUP_PREFIX = "pushdeck:";

    private final UserService users;
    private final InvitationService invitations;
    private final TeamRepository teams;
    private final TeamSlugs slugs;
    private final AuditLog audit;
    private final Map<String, String> mappedGroups;

    SingleSignOnAccounts(UserService users, InvitationService invitations, TeamRepository teams, TeamSlugs slugs,
                         AuditLog audit, SingleSignOn settings) {
        this.users = users;
        this.invitations = invitations;
        this.teams = teams;
        this.slugs = slugs;
        this.audit = audit;
        this.mappedGroups = parseGroupRoles(settings.groupRoles());
    }

    private record Grant(UUID teamId, Role role) {
    }

    @Override
    @Transactional
    public Optional<UUID> accountOf(SsoPerson person) {
        if (!person.emailVerified() || person.email() == null) {
            return Optional.empty();
        }
        List<Grant> grants = grantsOf(person.groups());
        Optional<UserAccount> existing = users.findByEmail(person.email());
        if (existing.isEmpty() && grants.isEmpty() && !invitations.awaits(person.email())) {
            return Optional.empty();
        }
        UserAccount account = existing.orElseGet(() -> users.createForSingleSignOn(person.email(),
                person.displayName()));
        invitations.acceptForVerifiedEmail(account);
        grants.forEach(grant -> apply(account, grant));
        boolean hasAccess = account.instanceAdmin() || !teams.membershipsOf(account.id()).isEmpty();
        return hasAccess ? Optional.of(account.id()) : Optional.empty();
    }

    private void apply(UserAccount account, Grant grant) {
        Optional<Role> current = teams.roleOf(grant.teamId(), account.id()).map(Role::valueOf);
        if (current.isEmpty()) {
            teams.insertMember(grant.teamId(), account.id(), grant.role().name());
        } else if (!current.get().includes(grant.role())) {
            teams.updateRole(grant.teamId(), account.id(), grant.role().name());
        } else {
            return;
        }
        audit.recordAs(grant.teamId(), account.email(), "member.sso-granted",
                account.email() + ": " + grant.role().name(), null);
    }

    /** The strongest role per team that the groups name. */
    private List<Grant> grantsOf(List<String> groups) {
        Map<UUID, Role> strongest = new LinkedHashMap<>();
        for (String group : groups) {
            String target = mappedGroups.getOrDefault(group,
                    group.startsWith(GROUP_PREFIX) ? group.substring(GROUP_PREFIX.length()) : null);
            if (target != null) {
                grantOf(group, target).ifPresent(grant -> strongest.merge(grant.teamId(), grant.role(),
                        (a, b) -> a.includes(b) ? a : b));
            }
        }
        List<Grant> grants = new ArrayList<>();
        strongest.forEach((team, role) -> grants.add(new Grant(team, role)));
        return grants;
    }

    /** {@code team:role}, the team by id or slug. */
    private Optional<Grant> grantOf(String group, String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            log.warn("Group {} names no team:role; ignored", group);
            return Optional.empty();
        }
        Optional<Role> role = Role.parse(target.substring(colon + 1));
        Optional<UUID> team = teamNamed(target.substring(0, colon));
        if (role.isEmpty() || team.isEmpty()) {
            log.warn("Group {} names an unknown or ambiguous team, or an unknown role; ignored", group);
            return Optional.empty();
        }
        return Optional.of(new Grant(team.get(), role.get()));
    }

    private Optional<UUID> teamNamed(String reference) {
        try {
            UUID id = UUID.fromString(reference);
            return teams.findTeam(id).map(TeamRepository.TeamRow::id);
        } catch (IllegalArgumentException notAnId) {
            List<UUID> found = slugs.find(reference.toLowerCase(Locale.ROOT));
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        }
    }

    private static Map<String, String> parseGroupRoles(String setting) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String pair : setting.split(",")) {
            int equals = pair.lastIndexOf('=');
            if (equals > 0) {
                mapping.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            } else if (!pair.isBlank()) {
                throw new IllegalStateException("PUSHDECK_OIDC_GROUP_ROLES: '" + pair.trim()
                        + "' is not group=team:role");
            }
        }
        return mapping;
    }
}
