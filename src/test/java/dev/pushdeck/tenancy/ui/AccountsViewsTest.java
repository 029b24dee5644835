package dev.pushdeck.tenancy.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestMail;
import dev.pushdeck.TestTeams;
import dev.pushdeck.WebSession;
import dev.pushdeck.security.OpenSession;
import dev.pushdeck.security.PasswordResets;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.tenancy.CreatedInvitation;
import dev.pushdeck.tenancy.Invitation;
import dev.pushdeck.tenancy.InvitationService;
import dev.pushdeck.tenancy.Member;
import dev.pushdeck.tenancy.MemberService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pages of invitations, password resets and sessions, as people use them. */
class AccountsViewsTest extends KaribuTest {

    @LocalServerPort
    int port;
    @Autowired
    InvitationService invitations;
    @Autowired
    MemberService members;
    @Autowired
    PasswordResets resets;

    @Test
    void anAdminInvitesFromTheMembersPageSeesTheLinkOnceAndTheInvitationIsListedAsInvited() {
        TestTeams.Fixture team = teams.create("invite-view");
        login(team.as(Role.ADMIN));
        navigate("team/members");
        String email = unique("invitee");

        _click(_get(Button.class, spec -> spec.withId("invite-member")));
        _setValue(_get(EmailField.class), email);
        _click(_get(Button.class, spec -> spec.withId("send-invitation")));

        String link = _get(TextField.class, spec -> spec.withClasses("secret-value")).getValue();
        assertThat(link).startsWith("http://console.test.example/invitation/pdi_");
        assertThat(_get(Paragraph.class, spec -> spec.withClasses("secret-note")).getText())
                .isEqualTo("It has also been mailed to " + email + ".");
        assertThat(TestMail.link(TestMail.await(email, 1))).isEqualTo(link);
        MembersView view = _get(MembersView.class);
        assertThat(rows(view.invited)).extracting(Invitation::email).containsExactly(email);
        assertThat(rows(view.grid)).extracting(Member::email).doesNotContain(email);
    }

    @Test
    void aNewPersonChoosesTheirOwnPasswordOnTheInvitationPageAndIsSentToSignIn() {
        TestTeams.Fixture team = teams.create("accept-view");
        String email = unique("newcomer");
        CreatedInvitation invitation = TestSecurity.as(team.as(Role.ADMIN), () -> invitations.invite(email, Role.EDITOR));

        navigate("invitation/" + invitation.token());
        assertThat(_get(H2.class).getText()).isEqualTo("Join " + team.name());
        _setValue(_get(TextField.class), "Nia Newcomer");
        List<PasswordField> passwords = _find(PasswordField.class);
        _setValue(passwords.get(0), "nia-chose-this-one");
        _setValue(passwords.get(1), "nia-chose-this-one");
        _click(_get(Button.class, spec -> spec.withId("create-account")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("login-notice")).getText())
                .startsWith("Your account is ready");
        assertThat(new WebSession(port).signIn(email, "nia-chose-this-one")).isTrue();
        assertThat(TestSecurity.as(team.as(Role.ADMIN), members::list)).extracting(Member::email).contains(email);
    }

    @Test
    void aSignedInPersonAcceptsAsThemselvesAndLandsInTheTeam() {
        TestTeams.Fixture home = teams.create("home");
        TestTeams.Fixture joining = teams.create("joining-view");
        CreatedInvitation invitation = TestSecurity.as(joining.as(Role.ADMIN),
                () -> invitations.invite(home.editor().email(), Role.VIEWER));
        login(home.as(Role.EDITOR));

        navigate("invitation/" + invitation.token());
        _click(_get(Button.class, spec -> spec.withId("accept-invitation")));

        assertThat(TestSecurity.as(joining.as(Role.ADMIN), members::list)).extracting(Member::userId)
                .contains(home.editor().id());
    }

    @Test
    void someoneSignedInWithAnotherEmailIsToldSoAndCannotAccept() {
        TestTeams.Fixture home = teams.create("other-email");
        CreatedInvitation invitation = TestSecurity.as(home.as(Role.ADMIN),
                () -> invitations.invite(unique("meant-for"), Role.VIEWER));
        login(home.as(Role.VIEWER));

        navigate("invitation/" + invitation.token());

        assertThat(_find(Button.class, spec -> spec.withId("accept-invitation"))).isEmpty();
        assertThat(_find(Paragraph.class)).extracting(Paragraph::getText)
                .anySatisfy(text -> assertThat(text).contains("but you are signed in as " + home.viewer().email()));
        assertThat(_find(Button.class, spec -> spec.withText("Sign out"))).hasSize(1);
    }

    @Test
    void aDeadInvitationLinkSaysSoAndNamesNoTeam() {
        navigate("invitation/pdi_" + "A".repeat(43));

        assertThat(_get(H2.class).getText()).isEqualTo("This invitation link does not work");
        assertThat(_find(PasswordField.class)).isEmpty();
    }

    @Test
    void theForgotPasswordPageAnswersTheSameForAnyAddress() {
        TestTeams.Fixture team = teams.create("forgot-view");
        navigate("forgot-password");

        _setValue(_get(EmailField.class), team.viewer().email());
        _click(_get(Button.class, spec -> spec.withId("send-reset-link")));
        String known = _get(Paragraph.class, spec -> spec.withId("forgot-answer")).getText();
        _setValue(_get(EmailField.class), unique("stranger"));
        _click(_get(Button.class, spec -> spec.withId("send-reset-link")));
        String unknown = _get(Paragraph.class, spec -> spec.withId("forgot-answer")).getText();

        assertThat(known.replace(team.viewer().email(), "X")).isEqualTo(unknown.replaceAll("\\S+@\\S+", "X"));
        assertThat(TestMail.await(team.viewer().email(), 2)).isNotNull();
    }

    @Test
    void theResetPageSetsTheChosenPasswordAndSendsThePersonToSignIn() {
        TestTeams.Fixture team = teams.create("reset-view");
        String link = TestSecurity.as(team.as(Role.ADMIN), () -> resets.createFor(team.editor().id())).link();

        navigate("reset/" + link.substring(link.lastIndexOf('/') + 1));
        List<PasswordField> passwords = _find(PasswordField.class);
        _setValue(passwords.get(0), "editor-picked-this");
        _setValue(passwords.get(1), "editor-picked-this");
        _click(_get(Button.class, spec -> spec.withId("save-password")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("login-notice")).getText())
                .startsWith("Your password has been changed");
        assertThat(new WebSession(port).signIn(team.editor().email(), "editor-picked-this")).isTrue();
    }

    @Test
    void anAdminMakesAResetLinkForAMemberAfterConfirming() {
        TestTeams.Fixture team = teams.create("reset-link-view");
        login(team.as(Role.ADMIN));
        navigate("team/members");

        MembersView view = _get(MembersView.class);
        int viewer = rows(view.grid).stream().map(Member::userId).toList().indexOf(team.viewer().id());
        Component actions = GridKt._getCellComponent(view.grid, viewer, "actions");
        _click(_get(actions, Button.class, spec -> spec.withText("Reset link")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(_get(TextField.class, spec -> spec.withClasses("secret-value")).getValue())
                .startsWith("http://console.test.example/reset/pdr_");
    }

    @Test
    void theAccountPageListsSignedInBrowsersAndEndsTheOthers() {
        TestTeams.Fixture team = teams.create("sessions-view");
        WebSession laptop = new WebSession(port);
        laptop.signIn(team.viewer().email(), TestTeams.PASSWORD);
        new WebSession(port).signIn(team.viewer().email(), TestTeams.PASSWORD);
        login(team.as(Role.VIEWER));
        navigate("account");
        Grid<OpenSession> sessions = _get(Grid.class);
        assertThat(rows(sessions)).hasSize(2);

        _click(_get(Button.class, spec -> spec.withId("end-other-sessions")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(rows(sessions)).isEmpty();
        assertThat(laptop.isSignedIn()).isFalse();
    }

    @Test
    void anInstanceAdministratorCreatesATeamByInvitingItsOwnerAndSeesTheLinkOnce() {
        login(TestSecurity.instanceAdmin());
        navigate("teams");
        String owner = unique("owner");

        _click(_get(Button.class, spec -> spec.withId("create-team")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Team name")), "Invited " + UUID.randomUUID());
        _setValue(_get(EmailField.class), owner);
        _click(_find(Button.class, spec -> spec.withText("Create team")).stream()
                .filter(button -> button.getId().isEmpty()).findFirst().orElseThrow());

        String link = _get(TextField.class, spec -> spec.withClasses("secret-value")).getValue();
        assertThat(link).startsWith("http://console.test.example/invitation/pdi_");
        assertThat(TestMail.link(TestMail.await(owner, 1))).isEqualTo(link);
        assertThat(_find(PasswordField.class)).isEmpty();
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return java.util.stream.IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    private static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@view.example";
    }
}
