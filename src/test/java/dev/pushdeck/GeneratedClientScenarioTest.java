package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.app.TestCredentials;
import dev.pushdeck.client.ApiClient;
import dev.pushdeck.client.api.AppsApi;
import dev.pushdeck.client.api.CampaignsApi;
import dev.pushdeck.client.api.CredentialsApi;
import dev.pushdeck.client.api.DevicesApi;
import dev.pushdeck.client.api.SendHistoryApi;
import dev.pushdeck.client.model.AppBody;
import dev.pushdeck.client.model.AppJson;
import dev.pushdeck.client.model.AudienceJson;
import dev.pushdeck.client.model.CampaignJson;
import dev.pushdeck.client.model.CampaignRequest;
import dev.pushdeck.client.model.CredentialJson;
import dev.pushdeck.client.model.DeliveryJson;
import dev.pushdeck.client.model.NewDeviceJson;
import dev.pushdeck.client.model.NotificationJson;
import dev.pushdeck.client.model.PageDeliveryJson;
import dev.pushdeck.dispatch.TestApns;
import dev.pushdeck.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Proof that the committed contract is usable: a Java client generated at build time from
 * docs/openapi.json (openapi-generator, target/ only) runs an integrator's whole scenario
 * against the running server, through the real dispatcher to a mock APNs.
 */
@PushdeckTest
class GeneratedClientScenarioTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static TestApns apns;

    @Autowired
    TestTeams teams;
    @LocalServerPort
    int port;

    @BeforeAll
    static void startMockApns(@Autowired ApplicationContext context) throws Exception {
        apns = TestApns.start(context);
    }

    @AfterAll
    static void stopMockApns() {
        apns.close();
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.setBasePath("http://127.0.0.1:" + port);
        client.setBearerToken(token);
        return client;
    }

    @Test
    void anIntegratorCreatesAnAppUploadsAKeyAddsDevicesSendsACampaignAndReadsItsDeliveries() throws IOException {
        TestTeams.Fixture team = teams.create("generated-client");
        ApiClient admin = client(teams.token(team, Role.ADMIN));
        ApiClient editor = client(teams.token(team, Role.EDITOR));

        AppJson app = new AppsApi(admin).appsCreate(new AppBody().name("Client App").bundleId("com.example.client"),
                "ci-run-1/app");
        assertThat(new AppsApi(admin).appsCreate(new AppBody().name("Client App").bundleId("com.example.client"),
                "ci-run-1/app").getId()).as("a retried create answers the first app").isEqualTo(app.getId());

        Path p8 = Files.createTempFile("AuthKey_", ".p8");
        try {
            Files.writeString(p8, TestCredentials.pem(TestCredentials.ec("secp256r1").getPrivate()));
            CredentialJson key = new CredentialsApi(admin).credentialsUpload(app.getId(), p8.toFile(), null, "both",
                    TestCredentials.KEY_ID, TestCredentials.TEAM_ID, false, null, "ci-run-1/key");
            assertThat(key.getKind()).isEqualTo("P8");
            assertThat(key.getActiveFor()).containsExactly("production", "sandbox");
        } finally {
            Files.delete(p8);
        }

        List<String> tokens = new ArrayList<>();
        DevicesApi devices = new DevicesApi(editor);
        for (int i = 0; i < 3; i++) {
            String token = token();
            tokens.add(token);
            devices.devicesAdd(app.getId(), new NewDeviceJson().token(token)
                    .environment(NewDeviceJson.EnvironmentEnum.PRODUCTION).tags(List.of("vip")), null);
        }
        assertThat(devices.devicesList(app.getId(), null, null, "vip", null, null, null, null, null, null, null, null,
                null).getItems())
                .hasSize(3);

        CampaignsApi campaigns = new CampaignsApi(editor);
        CampaignJson draft = campaigns.campaignsCreate(app.getId(), new CampaignRequest().name("From CI")
                .environment(CampaignRequest.EnvironmentEnum.PRODUCTION)
                .notification(new NotificationJson().title("Deployed").body("Version 42 is live"))
                .audience(new AudienceJson().type("TAGS").tags(List.of("vip")).match("ANY")), "ci-run-1/campaign");
        assertThat(draft.getStatus()).isEqualTo("DRAFT");
        assertThat(draft.getAudienceCount()).isEqualTo(3);
        CampaignJson sending = campaigns.campaignsSend(draft.getId(), "ci-run-1/send");
        assertThat(sending.getStatus()).isEqualTo("SENDING");
        assertThat(campaigns.campaignsSend(draft.getId(), "ci-run-1/send").getId())
                .as("a retried send answers the first answer, not a conflict").isEqualTo(draft.getId());

        SendHistoryApi history = new SendHistoryApi(client(teams.token(team, Role.VIEWER)));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED".equals(history.historyCampaign(draft.getId()).getStatus()));
        assertThat(history.historyCampaign(draft.getId()).getCounts().getAccepted()).isEqualTo(3);
        PageDeliveryJson deliveries = history.historyCampaignDeliveries(draft.getId(), null, null, null, null, null,
                null, null, null, null);
        assertThat(deliveries.getItems()).extracting(DeliveryJson::getToken).containsExactlyInAnyOrderElementsOf(tokens);
        assertThat(deliveries.getItems()).extracting(DeliveryJson::getStatus).containsOnly("ACCEPTED");
        tokens.forEach(token -> assertThat(apns.received(token)).isEqualTo(1));

        assertThatThrownBy(() -> new CampaignsApi(client(teams.token(teams.create("generated-stranger"), Role.ADMIN)))
                .campaignsSend(draft.getId(), null)).isInstanceOfSatisfying(HttpClientErrorException.class,
                e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
