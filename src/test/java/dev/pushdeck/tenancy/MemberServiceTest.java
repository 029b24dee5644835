package dev.pushdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.ConflictException;
import dev.pushdeck.shared.NotFoundException;
import dev.pushdeck.shared.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class MemberServiceTest {

    @Autowired
    MemberService members;
    @Autowired
    TestTeams teams;
    @Autowired
    AuditLog audit;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void anAdminAddsANewPersonWithAnInitialPasswordAndItIsAudited() {
        TestTeams.Fixture team = teams.create("add");
        team.signIn(Role.ADMIN);

        Member added = members.add("new-" + team.teamId() + "@test.example", "New Person", "initial-password",
                Role.EDITOR);

        assertThat(added.role()).isEqualTo(Role.EDITOR);
        assertThat(members.list()).extracting(Member::email).contains(added.email());
        assertThat(audit.search(new AuditFilter("member.added", null, null, null), 0, 10))
                .extracting(entry -> entry.target()).contains(added.email());
    }

    @Test
    void anExistingPersonJoinsASecondTeamWithTheirOwnPassword() {
        TestTeams.Fixture first = teams.create("first");
        TestTeams.Fixture second = teams.create("second");
        second.signIn(Role.OWNER);

        Member added = members.add(first.viewer().email(), null, null, Role.ADMIN);

        assertThat(added.userId()).isEqualTo(first.viewer().id());
    }

    @Test
    void addingSomeoneTwiceIsAConflict() {
        TestTeams.Fixture team = teams.create("twice");
        team.signIn(Role.ADMIN);

        assertThatThrownBy(() -> members.add(team.viewer().email(), null, null, Role.VIEWER))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aNewPersonNeedsAPasswordOfTenCharacters() {
        TestTeams.Fixture team = teams.create("short");
        team.signIn(Role.ADMIN);

        assertThatThrownBy(() -> members.add("short-" + team.teamId() + "@test.example", null, "short", Role.VIEWER))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("password"));
    }

    @Test
    void theLastOwnerCanBeNeitherRemovedNorDemoted() {
        TestTeams.Fixture team = teams.create("last-owner");
        team.signIn(Role.OWNER);

        assertThatThrownBy(() -> members.remove(team.owner().id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> members.changeRole(team.owner().id(), Role.ADMIN))
                .isInstanceOf(ConflictException.class);
        members.changeRole(team.admin().id(), Role.OWNER);
        members.changeRole(team.owner().id(), Role.ADMIN);
        assertThat(members.list()).filteredOn(m -> m.role() == Role.OWNER).extracting(Member::userId)
                .containsExactly(team.admin().id());
    }

    @Test
    void anAdminCanNeitherGrantNorTakeAwayOwnership() {
        TestTeams.Fixture team = teams.create("admin-owner");
        team.signIn(Role.ADMIN);

        assertThatThrownBy(() -> members.changeRole(team.editor().id(), Role.OWNER))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> members.remove(team.owner().id())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void editorsAndViewersCannotManageMembers() {
        TestTeams.Fixture team = teams.create("no-manage");
        for (Role role : new Role[] {Role.EDITOR, Role.VIEWER}) {
            team.signIn(role);
            assertThatThrownBy(() -> members.remove(team.viewer().id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> members.add("x@test.example", null, "long-password", Role.VIEWER))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void aMemberOfAnotherTeamIsNotFoundHere() {
        TestTeams.Fixture mine = teams.create("mine");
        TestTeams.Fixture theirs = teams.create("theirs");
        mine.signIn(Role.OWNER);

        assertThatThrownBy(() -> members.remove(theirs.viewer().id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> members.changeRole(theirs.viewer().id(), Role.ADMIN))
                .isInstanceOf(NotFoundException.class);
        assertThat(members.list()).extracting(Member::userId).doesNotContain(theirs.viewer().id());
    }
}
