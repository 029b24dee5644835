package dev.pushdeck.app;

import static dev.pushdeck.app.TestCredentials.CA;
import static dev.pushdeck.app.TestCredentials.KEY_ID;
import static dev.pushdeck.app.TestCredentials.PASSPHRASE;
import static dev.pushdeck.app.TestCredentials.TEAM_ID;
import static dev.pushdeck.app.TestCredentials.bytes;
import static dev.pushdeck.app.TestCredentials.pem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.TestCredentials.Spec;
import dev.pushdeck.security.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** {@code /api/v1/apps/{appId}/credentials} over HTTP with team tokens. */
@PushdeckTest
class CredentialsApiTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TestTeams teams;

    @Test
    void anAdminTokenUploadsAP12AndTheAppShowsItWithoutSecrets() {
        TestTeams.Fixture team = teams.create("api-upload");
        String token = teams.token(team, Role.ADMIN);
        String appId = createApp(token, "com.example.apiupload");

        ResponseEntity<JsonNode> created = upload(token, appId, TestCredentials.p12Modern(
                CA.issue(Spec.apns("com.example.apiupload")), PASSPHRASE), Map.of("passphrase", PASSPHRASE,
                "environment", "sandbox"));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode credential = created.getBody();
        assertThat(credential.get("kind").asText()).isEqualTo("P12");
        assertThat(credential.get("environment").asText()).isEqualTo("sandbox");
        assertThat(credential.get("topics").get(0).asText()).isEqualTo("com.example.apiupload");
        assertThat(credential.get("fingerprintSha256").asText()).hasSize(64);
        for (String field : new String[] {"id", "subject", "notBefore", "notAfter", "keyId", "teamId", "createdAt"}) {
            assertThat(credential.has(field)).as(field).isTrue();
        }
        JsonNode app = get(token, "/api/v1/apps/" + appId).getBody();
        assertThat(app.get("credentials").get(0).get("id")).isEqualTo(credential.get("id"));
        assertThat(app.get("environments").findValuesAsText("status")).contains("VALID", "NONE");
        assertThat(app.toString()).doesNotContain(PASSPHRASE).doesNotContainIgnoringCase("ciphertext");
        assertThat(get(token, "/api/v1/apps/" + appId + "/credentials").getBody().get(0).get("id"))
                .isEqualTo(credential.get("id"));
    }

    @Test
    void aP8ForBothEnvironmentsIsUploadedWithItsIds() {
        TestTeams.Fixture team = teams.create("api-p8");
        String token = teams.token(team, Role.ADMIN);
        String appId = createApp(token, "com.example.apip8");

        ResponseEntity<JsonNode> created = upload(token, appId, bytes(pem(TestCredentials.ec("secp256r1")
                .getPrivate())), Map.of("environment", "both", "keyId", KEY_ID, "teamId", TEAM_ID));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("kind").asText()).isEqualTo("P8");
        assertThat(created.getBody().get("keyId").asText()).isEqualTo(KEY_ID);
        assertThat(created.getBody().get("environment").asText()).isEqualTo("both");
    }

    @Test
    void anUnusableFileAnswers422WithTheReasonAndATopicMismatchCanBeConfirmed() {
        TestTeams.Fixture team = teams.create("api-422");
        String token = teams.token(team, Role.ADMIN);
        String appId = createApp(token, "com.example.api422");
        byte[] other = TestCredentials.p12Modern(CA.issue(Spec.apns("com.example.other")), PASSPHRASE);

        ResponseEntity<JsonNode> wrong = upload(token, appId, other, Map.of("passphrase", "nope",
                "environment", "sandbox"));
        ResponseEntity<JsonNode> mismatch = upload(token, appId, other, Map.of("passphrase", PASSPHRASE,
                "environment", "sandbox"));

        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(wrong.getBody().get("detail").asText()).isEqualTo("The passphrase is not correct for this file.");
        assertThat(wrong.getBody().get("errors").get(0).get("field").asText()).isEqualTo("passphrase");
        assertThat(mismatch.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(mismatch.getBody().get("errors").get(0).get("field").asText()).isEqualTo("confirmTopicMismatch");
        assertThat(mismatch.getBody().get("detail").asText()).contains("com.example.other");
        assertThat(get(token, "/api/v1/apps/" + appId + "/credentials").getBody()).isEmpty();

        ResponseEntity<JsonNode> confirmed = upload(token, appId, other, Map.of("passphrase", PASSPHRASE,
                "environment", "sandbox", "confirmTopicMismatch", "true"));
        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aFileAskingForAbsurdKeyDerivationWorkAnswers422NamingBothFigures() {
        TestTeams.Fixture team = teams.create("api-kdf");
        String token = teams.token(team, Role.ADMIN);
        String appId = createApp(token, "com.example.apikdf");

        ResponseEntity<JsonNode> refused = upload(token, appId, CredentialCostTest.p12WithMacIterations(
                Integer.MAX_VALUE), Map.of("passphrase", PASSPHRASE, "environment", "sandbox"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("file");
        assertThat(refused.getBody().get("detail").asText())
                .isEqualTo("This file asks for 2,147,483,647 iterations to derive its keys; at most 600,000 are"
                        + " allowed. Export it again with an ordinary setting (OpenSSL uses 2,048).");
        assertThat(get(token, "/api/v1/apps/" + appId + "/credentials").getBody()).isEmpty();
    }

    @Test
    void aFileOver64KilobytesIsRefusedWith413() {
        TestTeams.Fixture team = teams.create("api-413");
        String token = teams.token(team, Role.ADMIN);
        String appId = createApp(token, "com.example.api413");

        ResponseEntity<JsonNode> tooLarge = upload(token, appId, TestCredentials.randomBytes(70 * 1024),
                Map.of("environment", "sandbox"));

        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(get(token, "/api/v1/apps/" + appId + "/credentials").getBody()).isEmpty();
    }

    @Test
    void anotherTeamsAppCredentialsAndKeysAnswer404AndViewersCannotUpload() {
        TestTeams.Fixture theirs = teams.create("api-theirs");
        String theirToken = teams.token(theirs, Role.ADMIN);
        String theirApp = createApp(theirToken, "com.example.apitheirs");
        String theirCredential = upload(theirToken, theirApp, TestCredentials.p12Modern(
                CA.issue(Spec.apns("com.example.apitheirs")), PASSPHRASE), Map.of("passphrase", PASSPHRASE,
                "environment", "sandbox")).getBody().get("id").asText();
        String theirKey = exchange(theirToken, HttpMethod.POST, "/api/v1/apps/" + theirApp + "/keys",
                Map.of("name", "ios")).getBody().get("id").asText();
        TestTeams.Fixture mine = teams.create("api-mine");
        String myToken = teams.token(mine, Role.ADMIN);
        String myApp = createApp(myToken, "com.example.apimine");

        assertThat(get(myToken, "/api/v1/apps/" + theirApp).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(myToken, "/api/v1/apps/" + theirApp + "/credentials").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(myToken, "/api/v1/apps/" + theirApp + "/keys").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange(myToken, HttpMethod.DELETE, "/api/v1/apps/" + myApp + "/credentials/" + theirCredential,
                null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange(myToken, HttpMethod.DELETE, "/api/v1/apps/" + theirApp + "/credentials/"
                + theirCredential, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange(myToken, HttpMethod.POST, "/api/v1/apps/" + myApp + "/credentials/" + theirCredential
                + "/check", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange(myToken, HttpMethod.DELETE, "/api/v1/apps/" + theirApp + "/keys/" + theirKey, null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(upload(myToken, theirApp, new byte[] {1}, Map.of("environment", "sandbox")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String viewerToken = teams.token(theirs, Role.VIEWER);
        assertThat(upload(viewerToken, theirApp, new byte[] {1}, Map.of("environment", "sandbox")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(theirToken, "/api/v1/apps/" + theirApp + "/credentials").getBody()).hasSize(1);

        assertThat(exchange(theirToken, HttpMethod.DELETE, "/api/v1/apps/" + theirApp + "/credentials/"
                + theirCredential, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get(theirToken, "/api/v1/apps/" + theirApp + "/credentials").getBody()).isEmpty();
    }

    @Test
    void aCredentialInUseIsReplacedInPlaceAndStaysListedAsReplaced() {
        TestTeams.Fixture team = teams.create("api-replace");
        String token = teams.token(team, Role.ADMIN);
        String appId = createApp(token, "com.example.apireplace");
        String first = upload(token, appId, bytes(pem(TestCredentials.ec("secp256r1").getPrivate())),
                Map.of("environment", "both", "keyId", KEY_ID, "teamId", TEAM_ID)).getBody().get("id").asText();

        ResponseEntity<JsonNode> replaced = upload(token, appId, bytes(pem(TestCredentials.ec("secp256r1")
                .getPrivate())), Map.of("keyId", KEY_ID, "teamId", TEAM_ID, "replaces", first));

        assertThat(replaced.getStatusCode()).as(String.valueOf(replaced.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(replaced.getBody().get("environment").asText()).isEqualTo("both");
        String second = replaced.getBody().get("id").asText();
        JsonNode listed = get(token, "/api/v1/apps/" + appId + "/credentials").getBody();
        assertThat(listed).extracting(c -> c.get("id").asText()).containsExactly(second, first);
        assertThat(listed.get(0).get("activeFor")).extracting(JsonNode::asText).containsExactly("production",
                "sandbox");
        assertThat(listed.get(1).get("activeFor")).isEmpty();

        ResponseEntity<JsonNode> again = upload(token, appId, bytes(pem(TestCredentials.ec("secp256r1")
                .getPrivate())), Map.of("keyId", KEY_ID, "teamId", TEAM_ID, "replaces", first));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> narrower = upload(token, appId, bytes(pem(TestCredentials.ec("secp256r1")
                .getPrivate())), Map.of("environment", "sandbox", "keyId", KEY_ID, "teamId", TEAM_ID,
                "replaces", second));
        assertThat(narrower.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(narrower.getBody().get("errors").get(0).get("field").asText()).isEqualTo("environment");
        assertThat(upload(token, appId, bytes(pem(TestCredentials.ec("secp256r1").getPrivate())),
                Map.of("keyId", KEY_ID, "teamId", TEAM_ID, "replaces", java.util.UUID.randomUUID().toString()))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(token, "/api/v1/apps/" + appId + "/credentials").getBody()).hasSize(2);
    }

    @Test
    void anAdminRenamesAnAppAndChangesItsBundleIdWithTheConsolesRules() {
        TestTeams.Fixture team = teams.create("api-rename");
        String token = teams.token(team, Role.ADMIN);
        String appId = createApp(token, "com.example.rename");
        createApp(token, "com.example.taken");

        ResponseEntity<JsonNode> renamed = exchange(token, HttpMethod.PATCH, "/api/v1/apps/" + appId,
                Map.of("name", "Renamed"));
        assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(renamed.getBody().get("name").asText()).isEqualTo("Renamed");
        assertThat(renamed.getBody().get("bundleId").asText()).isEqualTo("com.example.rename");
        assertThat(exchange(token, HttpMethod.PATCH, "/api/v1/apps/" + appId, Map.of("bundleId", "com.example.new"))
                .getBody().get("bundleId").asText()).isEqualTo("com.example.new");

        ResponseEntity<JsonNode> taken = exchange(token, HttpMethod.PATCH, "/api/v1/apps/" + appId,
                Map.of("name", "com.example.taken", "bundleId", "no dots"));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(taken.getBody().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name",
                "bundleId");
        assertThat(exchange(teams.token(team, Role.EDITOR), HttpMethod.PATCH, "/api/v1/apps/" + appId,
                Map.of("name", "x")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange(teams.token(teams.create("api-rename-stranger"), Role.ADMIN), HttpMethod.PATCH,
                "/api/v1/apps/" + appId, Map.of("name", "x")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(token, "/api/v1/apps/" + appId).getBody().get("name").asText()).isEqualTo("Renamed");
    }

    // --- Helpers ----------------------------------------------------------------------

    private String createApp(String token, String bundleId) {
        ResponseEntity<JsonNode> created = exchange(token, HttpMethod.POST, "/api/v1/apps",
                Map.of("name", bundleId, "bundleId", bundleId));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asText();
    }

    private ResponseEntity<JsonNode> upload(String token, String appId, byte[] file, Map<String, String> fields) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "credential.bin";
            }
        });
        fields.forEach(form::add);
        HttpHeaders headers = headers(token);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange("/api/v1/apps/" + appId + "/credentials", HttpMethod.POST, new HttpEntity<>(form, headers),
                JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String token, String path) {
        return exchange(token, HttpMethod.GET, path, null);
    }

    private ResponseEntity<JsonNode> exchange(String token, HttpMethod method, String path, Object body) {
        return http.exchange(path, method, new HttpEntity<>(body, headers(token)), JsonNode.class);
    }

    private static HttpHeaders headers(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }
}
