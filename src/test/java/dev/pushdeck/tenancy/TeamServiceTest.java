package dev.pushdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.security.UserService;
import dev.pushdeck.shared.error.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class TeamServiceTest {

    @Autowired
    TeamService teamService;
    @Autowired
    TestTeams teams;
    @Autowired
    UserService users;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void anInstanceAdministratorCreatesATeamWithItsFirstOwner() {
        TestTeams.Fixture team = teams.create("create");

        team.signIn(Role.OWNER);
        assertThat(teamService.current().name()).isEqualTo(team.name());
        assertThat(teamService.current().members()).isEqualTo(4);
        assertThat(teamService.myTeams()).extracting(Membership::role).containsExactly(Role.OWNER);
    }

    @Test
    void aTeamOwnerWhoIsNoInstanceAdministratorCannotCreateTeams() {
        TestTeams.Fixture team = teams.create("not-instance");
        team.signIn(Role.OWNER);

        assertThatThrownBy(() -> teamService.create("Sneaky", "x@test.example", false))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aTeamNameIsUniqueRegardlessOfCase() {
        TestTeams.Fixture team = teams.create("unique");
        TestSecurity.signIn(TestSecurity.instanceAdmin());

        assertThatThrownBy(() -> teamService.create(team.name().toUpperCase(), "y@test.example", false))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("name"));
    }

    @Test
    void anInstanceAdministratorMakesAnotherPersonInstanceAdministrator() {
        TestTeams.Fixture team = teams.create("promote");
        TestSecurity.signIn(TestSecurity.instanceAdmin());

        users.promoteToInstanceAdmin(team.editor().email());

        assertThat(users.get(team.editor().id()).instanceAdmin()).isTrue();
        assertThatThrownBy(() -> users.promoteToInstanceAdmin("nobody@test.example"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aTeamOwnerCannotMakeAnyoneInstanceAdministrator() {
        TestTeams.Fixture team = teams.create("no-promote");
        team.signIn(Role.OWNER);

        assertThatThrownBy(() -> users.promoteToInstanceAdmin(team.admin().email()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
