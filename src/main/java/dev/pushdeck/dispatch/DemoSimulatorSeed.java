package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.QuietHours;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceImportService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.tenancy.DemoTeamReady;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: gives the demo team an app that sends to the in-process APNs simulator
 * ({@link SimulatorApns}), so history shows real outcomes from the first start: the app
 * with a freshly generated .p8 token key (uploaded as an admin would), a few hundred
 * devices in several zones, locales and tags (some of them test devices), a frequency cap, three
 * drafts (one in three languages with an A/B test and quiet hours) and one campaign sent through
 * the queue at start-up.
 *
 * <p>Runs after the start-up transaction that announced the demo team, as its owner, in a
 * transaction of its own: all of it or nothing. A team that already has the simulator app
 * is left alone, so restarts on the persistent demo database change nothing. Lives in the
 * dispatch module because the simulator does, and tenancy must not depend on apps or
 * campaigns.
 */
@Component
@ConditionalOnProperty(name = "pushdeck.demo.enabled", havingValue = "true")
class DemoSimulatorSeed {

    static final String APP_NAME = "Acme Coffee (simulator)";
    static final String BUNDLE_ID = "test.acme.coffee.simulator";
    static final int DEVICES = 300;
    static final String SENT_CAMPAIGN = "Welcome to Acme Rewards";
    private static final Logger log = LoggerFactory.getLogger(DemoSimulatorSeed.class);
    private static final List<String> ZONES = List.of("America/New_York", "America/Los_Angeles", "Europe/Berlin",
            "Europe/London", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo");
    private static final List<String> LOCALES = List.of("en-US", "en-GB", "de-DE", "zh-CN", "ja-JP", "pt-BR",
            "fr-FR");
    private static final List<String> TAGS = List.of("vip", "espresso", "tea", "newsletter", "beta", "pastry");

    private final CurrentActor actor;
    private final TransactionTemplate transactions;
    private final AppService apps;
    private final CredentialService credentials;
    private final DeviceImportService imports;
    private final DeviceService devices;
    private final CampaignService campaigns;

    DemoSimulatorSeed(CurrentActor actor, TransactionTemplate transactions, AppService apps,
                      CredentialService credentials, DeviceImportService imports, DeviceService devices,
                      CampaignService campaigns) {
        this.actor = actor;
        // A new transaction: after the announcing transaction's commit its resources may still be
        // bound to the thread, and joining them would lose the seed.
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.apps = apps;
        this.credentials = credentials;
        this.imports = imports;
        this.devices = devices;
        this.campaigns = campaigns;
    }

    /** A failed demo seed is logged, never fatal: the console works without it. */
    @TransactionalEventListener(fallbackExecution = true)
    void demoTeamReady(DemoTeamReady event) {
        try {
            seed(event).ifPresent(id -> log.info("Demo: seeded the simulator app '{}' and sent campaign {}",
                    APP_NAME, id));
        } catch (RuntimeException e) {
            log.warn("Demo: the simulator app could not be seeded: {}", e.toString());
        }
    }

    /**
     * Seeds the team as its owner, once.
     *
     * @return the campaign sent at start-up, or empty when the team had the simulator app already
     */
    Optional<UUID> seed(DemoTeamReady team) {
        return actor.callAs(team.ownerId(), team.teamId(), () -> transactions.execute(status -> seedCurrentTeam()));
    }

    private Optional<UUID> seedCurrentTeam() {
        if (apps.all().stream().anyMatch(app -> app.bundleId().equals(BUNDLE_ID))) {
            return Optional.empty();
        }
        PushApp app = apps.create(APP_NAME, BUNDLE_ID);
        credentials.upload(app.id(), new CredentialUpload(tokenKeyPem(), null, "both", "DEMOKEY001", "DEMOTEAM01",
                false));
        imports.importCsvInTransaction(app.id(),
                new ByteArrayInputStream(devicesCsv().getBytes(StandardCharsets.UTF_8)));
        markTestDevices(app, ApnsEnvironment.PRODUCTION, 3);
        markTestDevices(app, ApnsEnvironment.SANDBOX, 2);
        campaigns.create(app.id(), draft("Weekend brunch for VIPs", "Brunch is on us",
                "Show this at the counter this weekend.", new AudienceSpec(AudienceSpec.Type.TAGS, List.of("vip"),
                        AudienceSpec.Match.ANY, List.of())));
        campaigns.create(app.id(), draft("Pumpkin spice is back", "It's that time again",
                "Pumpkin spice latte returns on Monday.", AudienceSpec.ALL_DEVICES));
        apps.setFrequencyCap(app.id(), 2, 8);
        campaigns.create(app.id(), autumnMenuTest());
        Campaign sent = campaigns.create(app.id(), draft(SENT_CAMPAIGN, "Welcome!",
                "Collect a stamp with every coffee; the tenth is free.", AudienceSpec.ALL_DEVICES));
        campaigns.sendNow(sent.id());
        return Optional.of(sent.id());
    }

    private void markTestDevices(PushApp app, ApnsEnvironment environment, int count) {
        List<Device> first = devices.list(app.id(), new DeviceFilter(environment, null, null, null,
                DeviceFilter.Order.TOKEN, false), 0, count);
        first.forEach(device -> devices.setTestDevice(device.id(), true));
    }

    private static CampaignDraft draft(String name, String title, String body, AudienceSpec audience) {
        Notification notification = new Notification(title, null, body, "default", null, null, null, false, false,
                null, null, null);
        return new CampaignDraft(name, ApnsEnvironment.PRODUCTION, notification, null, PushType.ALERT, 10,
                Expiration.DEFAULT, null, audience, null, null);
    }

    /**
     * A draft ready to send that shows the tools people write campaigns with: the wording in
     * three languages, an A/B test of two versions on 30 % of the audience, quiet hours at night
     * in each device's zone; the app's frequency cap applies to it.
     */
    private static CampaignDraft autumnMenuTest() {
        AbTest test = new AbTest(30, 30, List.of(new ContentVersion("Autumn is on the menu",
                null, "Try the maple oat latte before it is gone.", List.of(
                        new ContentVariant("zh", "秋季菜单上新", null, "枫糖燕麦拿铁限时供应，快来尝尝。"),
                        new ContentVariant("de", "Der Herbst steht auf der Karte", null,
                                "Probier den Ahorn-Hafer-Latte, solange es ihn gibt.")))));
        return draft("Autumn menu (A/B test, three languages)", "New: maple oat latte",
                "Our autumn drink is here. Tap to see the whole menu.", AudienceSpec.ALL_DEVICES)
                .withVariants(List.of(
                        new ContentVariant("zh", "新品：枫糖燕麦拿铁", null, "秋季饮品上市啦，点按查看完整菜单。"),
                        new ContentVariant("de", "Neu: Ahorn-Hafer-Latte", null,
                                "Unser Herbstgetränk ist da. Tippe für die ganze Karte.")))
                .withQuietHours(new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), QuietHours.Action.HOLD))
                .withAbTest(test);
    }

    /** Every tenth device is a sandbox (development build) device; the rest are production. */
    static String devicesCsv() {
        StringBuilder csv = new StringBuilder("token,environment,tags,alias,locale,timezone\n");
        for (int i = 0; i < DEVICES; i++) {
            String tags = TAGS.get(i % TAGS.size()) + (i % 4 == 0 ? ";" + TAGS.get((i / 4) % TAGS.size()) : "");
            csv.append(token(i)).append(',').append(i % 10 == 0 ? "sandbox" : "production").append(',')
                    .append(tags).append(",customer-").append(String.format("%04d", i)).append(',')
                    .append(LOCALES.get(i % LOCALES.size())).append(',').append(ZONES.get(i % ZONES.size()))
                    .append('\n');
        }
        return csv.toString();
    }

    /** A stable token per demo device, so the simulator's per-token answers repeat between runs. */
    private static String token(int index) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("pushdeck-demo-device-" + index).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new EC P-256 key in PKCS#8 PEM, the form of Apple's .p8 files; the simulator accepts any signature. */
    private static byte[] tokenKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
