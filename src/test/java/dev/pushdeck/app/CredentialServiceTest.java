package dev.pushdeck.app;

import static dev.pushdeck.app.TestCredentials.CA;
import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.PASSPHRASE;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.app.TestCredentials.bytes;
import static dev.pushdeck.app.TestCredentials.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestMail;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.TestCredentials.Issued;
import dev.pushdeck.app.TestCredentials.Spec;
import dev.pushdeck.app.sending.SendingCredentials;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class CredentialServiceTest {

    @Autowired
    CredentialService credentials;
    @Autowired
    SendingCredentials sending;
    @Autowired
    AppService apps;
    @Autowired
    AuditLog audit;
    @Autowired
    CredentialExpiryWatch expiryWatch;
    @Autowired
    TestTeams teams;

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    @Test
    void anAdminUploadsEachFormAndSeesItsFacts() {
        TestTeams.Fixture team = teams.create("forms");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Forms", "com.example.forms");
        Issued certificate = CA.issue(Spec.apns(app.bundleId()));

        Credential p12 = credentials.upload(app.id(), upload(TestCredentials.p12Modern(certificate, PASSPHRASE),
                PASSPHRASE, "sandbox"));
        Credential legacy = credentials.upload(app.id(), upload(TestCredentials.p12Legacy(certificate, PASSPHRASE),
                PASSPHRASE, "production"));
        Credential pemFile = credentials.upload(app.id(), upload(bytes(pem(certificate.certificate())
                + TestCredentials.encryptedPkcs8(certificate.privateKey(), PASSPHRASE)), PASSPHRASE, "sandbox"));
        Credential p8 = credentials.upload(app.id(), new CredentialUpload(
                bytes(pem(TestCredentials.ec("secp256r1").getPrivate())), null, "both", KEY_ID, TEAM_ID, false));

        assertThat(p12.kind()).isEqualTo(CredentialKind.P12);
        assertThat(p12.topics()).containsExactly(app.bundleId(), app.bundleId() + ".voip");
        assertThat(p12.subject()).contains("UID=" + app.bundleId());
        assertThat(p12.notAfter()).isEqualTo(certificate.certificate().getNotAfter().toInstant());
        assertThat(p12.fingerprintSha256()).isEqualTo(legacy.fingerprintSha256()).hasSize(64);
        assertThat(p12.createdBy()).isEqualTo(team.admin().email());
        assertThat(legacy.kind()).isEqualTo(CredentialKind.P12);
        assertThat(pemFile.kind()).isEqualTo(CredentialKind.PEM);
        assertThat(p8.kind()).isEqualTo(CredentialKind.P8);
        assertThat(p8.keyId()).isEqualTo(KEY_ID);
        assertThat(p8.teamId()).isEqualTo(TEAM_ID);
        assertThat(p8.environment()).isEqualTo(EnvironmentCoverage.BOTH);
        // Newest first; the .p8 (both) is now the one used in both environments.
        assertThat(credentials.list(app.id())).extracting(Credential::id)
                .containsExactly(p8.id(), pemFile.id(), legacy.id(), p12.id());
        assertThat(credentials.get(app.id(), p8.id()).activeFor())
                .containsExactlyInAnyOrder(ApnsEnvironment.values());
        assertThat(credentials.get(app.id(), p12.id()).isActive()).isFalse();
    }

    @Test
    void aNewerCredentialReplacesTheOlderForSendingAndDeletingItBringsTheOlderBack() {
        TestTeams.Fixture team = teams.create("replace");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Replace", "com.example.replace");
        Credential first = credentials.upload(app.id(), p12(app, "sandbox"));
        Credential second = credentials.upload(app.id(), p12(app, "sandbox"));

        assertThat(credentials.get(app.id(), second.id()).activeFor()).containsExactly(ApnsEnvironment.SANDBOX);
        assertThat(credentials.get(app.id(), first.id()).isActive()).isFalse();
        assertThat(signing(team, app).credentialId()).isEqualTo(second.id());
        assertThat(actions(team)).contains("credential.uploaded", "credential.replaced");

        team.signIn(Role.ADMIN);
        credentials.delete(app.id(), second.id());
        assertThat(credentials.list(app.id())).extracting(Credential::id).containsExactly(first.id());
        assertThat(signing(team, app).credentialId()).isEqualTo(first.id());
        assertThat(actions(team)).contains("credential.deleted");
    }

    @Test
    void signingMaterialForTheDispatcherIsTheDecryptedCertificateOrTokenKey() {
        TestTeams.Fixture team = teams.create("material");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Material", "com.example.material");
        Issued certificate = CA.issue(Spec.apns(app.bundleId()));
        credentials.upload(app.id(), upload(TestCredentials.p12Legacy(certificate, PASSPHRASE), PASSPHRASE,
                "sandbox"));
        ECPrivateKey tokenKey = (ECPrivateKey) TestCredentials.ec("secp256r1").getPrivate();
        credentials.upload(app.id(), new CredentialUpload(bytes(pem(tokenKey)), null, "production", KEY_ID, TEAM_ID,
                false));
        TestSecurity.signOut();

        SigningMaterial sandbox = sending.signingMaterial(team.teamId(), app.id(), ApnsEnvironment.SANDBOX)
                .orElseThrow();
        SigningMaterial production = sending.signingMaterial(team.teamId(), app.id(),
                ApnsEnvironment.PRODUCTION).orElseThrow();

        assertThat(sandbox).isInstanceOfSatisfying(SigningMaterial.ClientCertificate.class, material -> {
            assertThat(material.certificate()).isEqualTo(certificate.certificate());
            assertThat(material.privateKey().getEncoded()).isEqualTo(certificate.privateKey().getEncoded());
        });
        assertThat(production).isInstanceOfSatisfying(SigningMaterial.SigningKey.class, material -> {
            assertThat(material.keyId()).isEqualTo(KEY_ID);
            assertThat(material.privateKey().getS()).isEqualTo(tokenKey.getS());
        });
        assertThat(sandbox.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void aTopicMismatchIsRefusedUntilTheAdminConfirms() {
        TestTeams.Fixture team = teams.create("topic");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Topic", "com.example.topic");
        CredentialUpload other = upload(TestCredentials.p12Modern(CA.issue(Spec.apns("com.example.other")),
                PASSPHRASE), PASSPHRASE, "sandbox");

        assertThatThrownBy(() -> credentials.upload(app.id(), other))
                .isInstanceOfSatisfying(TopicMismatchException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("confirmTopicMismatch");
                    assertThat(e.getMessage()).contains("com.example.other").contains("com.example.topic");
                });
        assertThat(credentials.list(app.id())).isEmpty();

        Credential confirmed = credentials.upload(app.id(), other.confirmed());
        assertThat(confirmed.topics()).contains("com.example.other");
    }

    @Test
    void aRefusedFileStoresNothing() {
        TestTeams.Fixture team = teams.create("refused");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Refused", "com.example.refused");
        Issued certificate = CA.issue(Spec.apns(app.bundleId()));

        assertThatThrownBy(() -> credentials.upload(app.id(), upload(TestCredentials.p12Modern(certificate,
                PASSPHRASE), "wrong", "sandbox")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("passphrase is not correct");
        assertThatThrownBy(() -> credentials.upload(app.id(), upload(TestCredentials.p12Modern(certificate,
                PASSPHRASE), PASSPHRASE, "staging")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("environment"));
        assertThatThrownBy(() -> credentials.upload(app.id(), upload(TestCredentials.randomBytes(
                CredentialUpload.MAX_BYTES + 1), null, "sandbox")))
                .isInstanceOf(CredentialTooLargeException.class);

        assertThat(credentials.list(app.id())).isEmpty();
        assertThat(actions(team)).doesNotContain("credential.uploaded");
    }

    @Test
    void onlyAdminsUploadDeleteAndCheckWhileEveryMemberMayList() {
        TestTeams.Fixture team = teams.create("roles");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Roles", "com.example.roles");
        Credential credential = credentials.upload(app.id(), p12(app, "sandbox"));

        for (Role role : List.of(Role.EDITOR, Role.VIEWER)) {
            team.signIn(role);
            assertThatThrownBy(() -> credentials.upload(app.id(), p12(app, "sandbox")))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> credentials.delete(app.id(), credential.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> credentials.check(app.id(), credential.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> credentials.expiringSoon()).isInstanceOf(AccessDeniedException.class);
            assertThat(credentials.list(app.id())).hasSize(1);
        }
    }

    @Test
    void anotherTeamsAppsAndCredentialsAreNotFound() {
        TestTeams.Fixture mine = teams.create("mine");
        TestTeams.Fixture theirs = teams.create("theirs");
        theirs.signIn(Role.ADMIN);
        PushApp theirApp = apps.create("Theirs", "com.example.theirs");
        Credential theirCredential = credentials.upload(theirApp.id(), p12(theirApp, "sandbox"));
        mine.signIn(Role.ADMIN);
        PushApp myApp = apps.create("Mine", "com.example.mine");

        assertThatThrownBy(() -> credentials.list(theirApp.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> credentials.upload(theirApp.id(), p12(theirApp, "sandbox")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> credentials.delete(theirApp.id(), theirCredential.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> credentials.delete(myApp.id(), theirCredential.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> credentials.check(myApp.id(), theirCredential.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(sending.signingMaterial(mine.teamId(), theirApp.id(), ApnsEnvironment.SANDBOX)).isEmpty();
        assertThat(credentials.statuses(List.of(theirApp.id())).get(theirApp.id()).get(ApnsEnvironment.SANDBOX)
                .state()).isEqualTo(EnvironmentStatus.State.NONE);
    }

    @Test
    void aTeamWithMoreThanFiveHundredAppsIsWarnedAboutTheLastAppsExpiringCertificate() {
        TestTeams.Fixture team = teams.create("many-apps");
        team.signIn(Role.ADMIN);
        for (int i = 0; i < 500; i++) {
            apps.create("App %03d".formatted(i), "com.example.many%03d".formatted(i));
        }
        PushApp last = apps.create("Zz last", "com.example.manylast");
        Instant now = Instant.now();
        Issued certificate = CA.issue(Spec.apns(last.bundleId()).valid(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(10))));
        Credential credential = credentials.upload(last.id(), upload(TestCredentials.p12Modern(certificate,
                PASSPHRASE), PASSPHRASE, "production"));

        assertThat(credentials.expiringSoon()).extracting(ExpiringCredential::credentialId)
                .containsExactly(credential.id());
    }

    @Test
    void expiryIsWarnedOncePerThresholdAndAnExpiredCertificatePausesItsEnvironment() {
        TestTeams.Fixture team = teams.create("expiry");
        team.signIn(Role.ADMIN);
        PushApp app = apps.create("Expiry", "com.example.expiry");
        Instant now = Instant.now();
        Instant end = now.plus(Duration.ofDays(20));
        Issued certificate = CA.issue(Spec.apns(app.bundleId()).valid(now.minus(Duration.ofDays(1)), end));
        Credential credential = credentials.upload(app.id(), upload(TestCredentials.p12Modern(certificate,
                PASSPHRASE), PASSPHRASE, "production"));

        assertThat(state(app, ApnsEnvironment.PRODUCTION)).isEqualTo(EnvironmentStatus.State.EXPIRING_SOON);
        assertThat(state(app, ApnsEnvironment.SANDBOX)).isEqualTo(EnvironmentStatus.State.NONE);
        assertThat(credentials.expiringSoon()).singleElement().satisfies(expiring -> {
            assertThat(expiring.credentialId()).isEqualTo(credential.id());
            assertThat(expiring.daysLeft()).isBetween(19L, 20L);
            assertThat(expiring.expired()).isFalse();
        });

        expiryWatch.checkTeam(team.teamId(), now);
        expiryWatch.checkTeam(team.teamId(), now.plus(Duration.ofHours(1)));
        expiryWatch.checkTeam(team.teamId(), end.minus(Duration.ofDays(6)));
        expiryWatch.checkTeam(team.teamId(), end.minus(Duration.ofHours(12)));
        expiryWatch.checkTeam(team.teamId(), end.minus(Duration.ofHours(11)));
        List<AuditEntry> warnings = entries(team, "credential.expiring");
        assertThat(warnings).extracting(AuditEntry::target).hasSize(3)
                .anySatisfy(d -> assertThat(d).contains(": 30 days left"))
                .anySatisfy(d -> assertThat(d).contains(": 7 days left"))
                .anySatisfy(d -> assertThat(d).contains(": 1 day left"));
        assertThat(warnings).extracting(AuditEntry::actor).containsOnly("system");

        expiryWatch.checkTeam(team.teamId(), end.plus(Duration.ofHours(1)));
        expiryWatch.checkTeam(team.teamId(), end.plus(Duration.ofHours(2)));
        assertThat(entries(team, "credential.expired")).hasSize(1);
        team.signIn(Role.ADMIN);
        EnvironmentStatus production = credentials.statuses(List.of(app.id())).get(app.id())
                .get(ApnsEnvironment.PRODUCTION);
        assertThat(production.state()).isEqualTo(EnvironmentStatus.State.PAUSED);
        assertThat(production.pausedReason()).startsWith("app.pause.expired|");
        assertThat(sending.pausedReason(team.teamId(), app.id(), ApnsEnvironment.PRODUCTION)).isPresent();
        assertThat(sending.pausedReason(team.teamId(), app.id(), ApnsEnvironment.SANDBOX)).isEmpty();

        // Each warning also reached the owners and admins by mail (after their invitation), never editors.
        for (Role manager : List.of(Role.OWNER, Role.ADMIN)) {
            String email = team.person(manager).email();
            List<String> subjects = List.of(2, 3, 4, 5).stream()
                    .map(n -> TestMail.subject(TestMail.await(email, n))).toList();
            assertThat(subjects).allSatisfy(subject -> assertThat(subject).contains("Expiry"))
                    .anySatisfy(subject -> assertThat(subject).contains("30 day"))
                    .anySatisfy(subject -> assertThat(subject).contains("1 day"))
                    .anySatisfy(subject -> assertThat(subject).contains("expired"));
            assertThat(TestMail.body(TestMail.to(email).get(4))).contains("http://console.test.example/apps/" + app.id());
        }
        assertThat(TestMail.to(team.editor().email())).hasSize(1);

        credentials.upload(app.id(), p12(app, "production"));
        assertThat(state(app, ApnsEnvironment.PRODUCTION)).isEqualTo(EnvironmentStatus.State.VALID);
        assertThat(sending.pausedReason(team.teamId(), app.id(), ApnsEnvironment.PRODUCTION)).isEmpty();
    }

    // --- Helpers ----------------------------------------------------------------------

    static CredentialUpload upload(byte[] file, String passphrase, String environment) {
        return new CredentialUpload(file, passphrase, environment, null, null, false);
    }

    static CredentialUpload p12(PushApp app, String environment) {
        return upload(TestCredentials.p12Modern(CA.issue(Spec.apns(app.bundleId())), PASSPHRASE), PASSPHRASE,
                environment);
    }

    private SigningMaterial signing(TestTeams.Fixture team, PushApp app) {
        return sending.signingMaterial(team.teamId(), app.id(), ApnsEnvironment.SANDBOX).orElseThrow();
    }

    private EnvironmentStatus.State state(PushApp app, ApnsEnvironment environment) {
        return credentials.statuses(List.of(app.id())).get(app.id()).get(environment).state();
    }

    private List<String> actions(TestTeams.Fixture team) {
        return TestSecurity.as(team.as(Role.ADMIN), () -> audit.search(AuditFilter.none(), 0, 200)).stream()
                .map(AuditEntry::action).toList();
    }

    private List<AuditEntry> entries(TestTeams.Fixture team, String action) {
        return TestSecurity.as(team.as(Role.ADMIN),
                () -> audit.search(new AuditFilter(action, null, null, null), 0, 200));
    }
}
