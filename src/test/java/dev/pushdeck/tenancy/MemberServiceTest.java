package dev.pushdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
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

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
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
