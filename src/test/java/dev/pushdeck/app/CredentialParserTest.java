package dev.pushdeck.app;

import static dev.pushdeck.app.TestCredentials.CA;
import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.PASSPHRASE;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.app.TestCredentials.bytes;
import static dev.pushdeck.app.TestCredentials.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pushdeck.app.TestCredentials.Issued;
import dev.pushdeck.app.TestCredentials.Spec;
import dev.pushdeck.app.internal.CredentialParser;
import dev.pushdeck.app.internal.ParsedCredential;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.i18n.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The whole catalogue of credential files, generated here, against the parser's verdicts. */
class CredentialParserTest {

    static final String BUNDLE = "com.example.parser";
    static final Issued APNS = CA.issue(Spec.apns(BUNDLE));

    @Test
    void aModernPkcs12IsReadWithItsTopicsEnvironmentsAndFingerprint() {
        ParsedCredential.Certificate parsed = parse(TestCredentials.p12Modern(APNS, PASSPHRASE), PASSPHRASE);

        assertThat(parsed.kind()).isEqualTo(CredentialKind.P12);
        assertThat(parsed.topics()).containsExactly(BUNDLE, BUNDLE + ".voip");
        assertThat(parsed.allowedEnvironments()).containsExactlyInAnyOrder(ApnsEnvironment.values());
        assertThat(parsed.subject()).contains("UID=" + BUNDLE).contains("CN=Apple Push Services: " + BUNDLE);
        assertThat(parsed.fingerprintSha256()).hasSize(64);
        assertThat(parsed.notAfter()).isEqualTo(APNS.certificate().getNotAfter().toInstant());
        assertThat(parsed.chain().get(0)).isEqualTo(APNS.certificate());
    }

    @Test
    void aLegacyPkcs12With3DesAndRc2IsRead() {
        assertThat(parse(TestCredentials.p12Legacy(APNS, PASSPHRASE), PASSPHRASE).topics()).contains(BUNDLE);
    }

    @Test
    void aPemWithCertificateAndUnencryptedPkcs8KeyIsRead() {
        ParsedCredential.Certificate parsed = parse(bytes(pem(APNS.certificate(), APNS.privateKey())), null);

        assertThat(parsed.kind()).isEqualTo(CredentialKind.PEM);
        assertThat(parsed.chain().get(0)).isEqualTo(APNS.certificate());
    }

    @Test
    void aPemAsOpensslPkcs12WritesItWithBagAttributesAndAnEncryptedKeyIsRead() {
        String file = TestCredentials.bagAttributes() + pem(APNS.certificate()) + TestCredentials.bagAttributes()
                + TestCredentials.encryptedPkcs8(APNS.privateKey(), PASSPHRASE);

        assertThat(parse(bytes(file), PASSPHRASE).kind()).isEqualTo(CredentialKind.PEM);
    }

    @Test
    void aPemWithATraditionalOpensslKeyPlainOrEncryptedIsRead() {
        String plain = pem(APNS.certificate()) + TestCredentials.traditionalKey(APNS.privateKey(), null);
        String encrypted = pem(APNS.certificate()) + TestCredentials.traditionalKey(APNS.privateKey(), PASSPHRASE);

        assertThat(parse(bytes(plain), null).kind()).isEqualTo(CredentialKind.PEM);
        assertThat(parse(bytes(encrypted), PASSPHRASE).kind()).isEqualTo(CredentialKind.PEM);
    }

    @Test
    void theKeyComingBeforeTheCertificateAndTheCaInTheFileStillFindsTheClientCertificate() {
        String file = pem(APNS.privateKey()) + pem(CA.caCertificate(), APNS.certificate());

        assertThat(parse(bytes(file), null).chain().get(0)).isEqualTo(APNS.certificate());
    }

    @Test
    void aP8TokenKeyIsReadWithItsIds() {
        ParsedCredential parsed = CredentialParser.parse(bytes(pem(TestCredentials.ec("secp256r1").getPrivate())),
                null, KEY_ID, TEAM_ID);

        assertThat(parsed.kind()).isEqualTo(CredentialKind.P8);
        assertThat(parsed).isInstanceOfSatisfying(ParsedCredential.TokenKey.class, key -> {
            assertThat(key.keyId()).isEqualTo(KEY_ID);
            assertThat(key.teamId()).isEqualTo(TEAM_ID);
            assertThat(key.privateKey().getAlgorithm()).isEqualTo("EC");
        });
    }

    // --- Every refusal has its own message --------------------------------------------

    @Test
    void aWrongPassphraseIsNamed() {
        assertRefused(TestCredentials.p12Modern(APNS, PASSPHRASE), "not-it", "passphrase",
                "error.credential.passphrase-wrong");
        assertRefused(bytes(pem(APNS.certificate()) + TestCredentials.encryptedPkcs8(APNS.privateKey(), PASSPHRASE)),
                "not-it", "passphrase", "error.credential.passphrase-wrong");
        assertRefused(bytes(pem(APNS.certificate()) + TestCredentials.traditionalKey(APNS.privateKey(), PASSPHRASE)),
                "not-it", "passphrase", "error.credential.passphrase-wrong");
    }

    @Test
    void aMissingPassphraseIsNamed() {
        assertRefused(TestCredentials.p12Legacy(APNS, PASSPHRASE), null, "passphrase",
                "error.credential.passphrase-missing");
        assertRefused(bytes(pem(APNS.certificate()) + TestCredentials.encryptedPkcs8(APNS.privateKey(), PASSPHRASE)),
                "", "passphrase", "error.credential.passphrase-missing");
    }

    @Test
    void randomBytesATruncatedFileAndARenamedImageAreNotCredentials() {
        byte[] p12 = TestCredentials.p12Modern(APNS, PASSPHRASE);
        assertRefused(TestCredentials.randomBytes(3000), PASSPHRASE, "file", "error.credential.unreadable");
        assertRefused(Arrays.copyOf(p12, p12.length / 2), PASSPHRASE, "file", "error.credential.unreadable");
        assertRefused(TestCredentials.png(), PASSPHRASE, "file", "error.credential.unreadable");
        assertRefused(bytes("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n"), null,
                "file", "error.credential.unreadable");
        assertRefused(new byte[0], null, "file", "error.credential.empty");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertRefused(bytes(pem(APNS.certificate())), null, "file", "error.credential.no-private-key");
        assertRefused(TestCredentials.p12CertificateOnly(APNS.certificate(), PASSPHRASE), PASSPHRASE, "file",
                "error.credential.no-private-key");
    }

    @Test
    void twoKeysAreRefused() {
        Issued other = CA.issue(Spec.apns(BUNDLE));
        assertRefused(bytes(pem(APNS.certificate(), APNS.privateKey(), other.privateKey())), null, "file",
                "error.credential.two-keys");
        assertRefused(TestCredentials.p12TwoKeys(APNS, other, PASSPHRASE), PASSPHRASE, "file",
                "error.credential.two-keys");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Issued other = CA.issue(Spec.apns(BUNDLE));
        assertRefused(bytes(pem(APNS.certificate(), other.privateKey())), null, "file",
                "error.credential.key-mismatch");
        assertRefused(TestCredentials.p12Mismatched(APNS, other.privateKey(), PASSPHRASE), PASSPHRASE, "file",
                "error.credential.key-mismatch");
    }

    @Test
    void aCertificateWithoutApplePushExtensionsIsRefused() {
        Issued plain = CA.issue(Spec.apns(BUNDLE).withoutApnsExtensions());
        assertRefused(TestCredentials.p12Modern(plain, PASSPHRASE), PASSPHRASE, "file", "error.credential.not-apns");
    }

    @Test
    void aPassTypeIdCertificateIsRefusedThoughItCarriesTheProductionExtension() {
        Issued pass = CA.issue(Spec.apns(BUNDLE).passTypeId());
        assertRefused(TestCredentials.p12Modern(pass, PASSPHRASE), PASSPHRASE, "file", "error.credential.pass-type");
    }

    @Test
    void anEnvironmentTheCertificateDoesNotAllowIsRefused() {
        ParsedCredential.Certificate development = parse(TestCredentials.p12Modern(
                CA.issue(Spec.apns(BUNDLE).developmentOnly()), PASSPHRASE), PASSPHRASE);
        ParsedCredential.Certificate production = parse(TestCredentials.p12Modern(
                CA.issue(Spec.apns(BUNDLE).productionOnly()), PASSPHRASE), PASSPHRASE);

        assertUnusable(development, EnvironmentCoverage.PRODUCTION, Instant.now(), "environment",
                "error.credential.environment-not-allowed");
        assertUnusable(production, EnvironmentCoverage.SANDBOX, Instant.now(), "environment",
                "error.credential.environment-not-allowed");
        assertUnusable(production, EnvironmentCoverage.BOTH, Instant.now(), "environment",
                "error.credential.environment.both-only-p8");
        CredentialParser.requireUsable(development, EnvironmentCoverage.SANDBOX, Instant.now());
        CredentialParser.requireUsable(production, EnvironmentCoverage.PRODUCTION, Instant.now());
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRefused() {
        Instant now = Instant.now();
        ParsedCredential.Certificate expired = parse(TestCredentials.p12Modern(CA.issue(Spec.apns(BUNDLE)
                .valid(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)))), PASSPHRASE), PASSPHRASE);
        ParsedCredential.Certificate future = parse(TestCredentials.p12Modern(CA.issue(Spec.apns(BUNDLE)
                .valid(now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(400)))), PASSPHRASE), PASSPHRASE);

        assertUnusable(expired, EnvironmentCoverage.SANDBOX, now, "file", "error.credential.expired");
        assertUnusable(future, EnvironmentCoverage.SANDBOX, now, "file", "error.credential.not-yet-valid");
    }

    @Test
    void tokenKeysOfTheWrongKindAreRefusedEachWithItsReason() {
        assertRefused(p8(pem(TestCredentials.ec("secp384r1").getPrivate())), "file",
                "error.credential.p8.wrong-curve");
        assertRefused(p8(pem(TestCredentials.rsa().getPrivate())), "file", "error.credential.p8.not-ec");
        assertRefused(p8(TestCredentials.traditionalKey(TestCredentials.ec("secp256r1").getPrivate(), null)), "file",
                "error.credential.p8.sec1");
        assertRefused(p8(TestCredentials.encryptedPkcs8(TestCredentials.ec("secp256r1").getPrivate(), PASSPHRASE)),
                "file", "error.credential.p8.encrypted");
    }

    @Test
    void theP384MessageNamesTheCurve() {
        ValidationException refused = catchThrowableOfType(() -> CredentialParser.parse(
                p8(pem(TestCredentials.ec("secp384r1").getPrivate())), null, KEY_ID, TEAM_ID),
                ValidationException.class);

        assertThat(refused.message(Locale.ENGLISH)).contains("P-384").doesNotStartWith("!");
    }

    @Test
    void malformedKeyAndTeamIdsAreRefused() {
        byte[] key = p8(pem(TestCredentials.ec("secp256r1").getPrivate()));
        assertField(() -> CredentialParser.parse(key, null, "abc", TEAM_ID), "keyId", "error.credential.key-id");
        assertField(() -> CredentialParser.parse(key, null, "abc123defg", TEAM_ID), "keyId",
                "error.credential.key-id");
        assertField(() -> CredentialParser.parse(key, null, KEY_ID, "TEAM-456XY"), "teamId",
                "error.credential.team-id");
        assertField(() -> CredentialParser.parse(key, null, null, null), "file", "error.credential.key-only");
    }

    @Test
    void everyRefusalHasWordsInBothLanguages() {
        for (String key : new String[] {"empty", "unreadable", "passphrase-missing", "passphrase-wrong",
                "no-private-key", "two-keys", "no-certificate", "key-only", "key-mismatch", "pass-type", "not-apns",
                "environment", "environment.both-only-p8", "environment-not-allowed", "expired", "not-yet-valid",
                "topic-mismatch", "p8.encrypted", "p8.sec1", "p8.not-ec", "p8.wrong-curve", "p8.cannot-sign",
                "key-id", "team-id", "too-large", "no-master-key"}) {
            String english = Messages.get(Locale.ENGLISH, "error.credential." + key, "x", "y");
            String chinese = Messages.get(Locale.SIMPLIFIED_CHINESE, "error.credential." + key, "x", "y");
            assertThat(english).as(key).doesNotStartWith("!");
            assertThat(chinese).as(key).doesNotStartWith("!").isNotEqualTo(english);
        }
    }

    // --- Helpers ----------------------------------------------------------------------

    private static byte[] p8(String text) {
        return bytes(text);
    }

    private static ParsedCredential.Certificate parse(byte[] file, String passphrase) {
        return (ParsedCredential.Certificate) CredentialParser.parse(file, passphrase, null, null);
    }

    private static void assertRefused(byte[] file, String passphrase, String field, String key) {
        assertField(() -> CredentialParser.parse(file, passphrase, null, null), field, key);
    }

    private static void assertRefused(byte[] tokenKey, String field, String key) {
        assertField(() -> CredentialParser.parse(tokenKey, null, KEY_ID, TEAM_ID), field, key);
    }

    private static void assertUnusable(ParsedCredential parsed, EnvironmentCoverage environment, Instant now,
                                       String field, String key) {
        assertField(() -> CredentialParser.requireUsable(parsed, environment, now), field, key);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
                                    String key) {
        ValidationException refused = catchThrowableOfType(call, ValidationException.class);
        assertThat(refused).as("expected refusal " + key).isNotNull();
        assertThat(refused.messageKey()).isEqualTo(key);
        assertThat(refused.errors().get(0).field()).isEqualTo(field);
    }
}
