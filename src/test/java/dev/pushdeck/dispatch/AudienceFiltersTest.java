package dev.pushdeck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.device.DeviceAttributes;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.device.ReportedProperty;
import dev.pushdeck.device.internal.RegistrationRepository.Registering;
import dev.pushdeck.device.internal.DeviceRules;
import dev.pushdeck.device.internal.RegistrationWriter;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audience filters by what apps report, with each operator: the live count and the launch's
 * fan-out reach exactly the same devices (docs/decisions/051-device-attributes.md).
 */
@PushdeckTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudienceFiltersTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    TestTeams teams;
    @Autowired
    AppService apps;
    @Autowired
    CampaignService campaigns;
    @Autowired
    DeviceService devices;
    @Autowired
    DispatchService dispatch;
    @Autowired
    RegistrationWriter registrations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    TestTeams.Fixture team;
    PushApp app;
    /** Device ids by the names the cases use. */
    final Map<String, UUID> named = new HashMap<>();

    @BeforeAll
    void devices() {
        team = teams.create("filters");
        app = TestSecurity.as(team.as(Role.ADMIN), () -> apps.create("Filters", "com.example.filters"));
        device("a", ApnsEnvironment.PRODUCTION, "1.9", Map.of("plan", "gold", "seats", 5, "beta", true), 1, List.of());
        device("b", ApnsEnvironment.PRODUCTION, "1.10", Map.of("plan", "silver", "seats", 12), 10, List.of("vip"));
        device("c", ApnsEnvironment.PRODUCTION, "2.0.0", Map.of("plan", "gold", "seats", "5"), 40, List.of("vip"));
        device("d", ApnsEnvironment.PRODUCTION, null, null, 0, List.of());
        device("sandbox", ApnsEnvironment.SANDBOX, "1.9", Map.of("plan", "gold"), 1, List.of());
    }

    private void device(String name, ApnsEnvironment environment, String version, Map<String, Object> properties,
                        int daysAgo, List<String> tags) {
        Registering registering = new Registering(team.teamId(), app.id(), environment,
                String.format("%064x", name.hashCode() & 0xffffffffL), new DeviceFields(tags, null, null, null),
                DeviceRules.reported(new DeviceAttributes(version, properties == null ? null
                        : new LinkedHashMap<>(properties))), NOW.minus(Duration.ofDays(daysAgo)));
        named.put(name, registrations.write(registering).device().id());
    }

    static AttributeFilter filter(Attribute attribute, String key, Operator operator, Object... values) {
        return new AttributeFilter(attribute, key, operator, List.of(values));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(filter(Attribute.APP_VERSION, null, Operator.EQUALS, "1.10"), Set.of("b")),
                Arguments.of(filter(Attribute.APP_VERSION, null, Operator.EQUALS, "2"), Set.of("c")),
                Arguments.of(filter(Attribute.APP_VERSION, null, Operator.IN, "1.9", "2.0", "7"), Set.of("a", "c")),
                Arguments.of(filter(Attribute.APP_VERSION, null, Operator.BEFORE, "1.10"), Set.of("a")),
                Arguments.of(filter(Attribute.APP_VERSION, null, Operator.AFTER, "1.9"), Set.of("b", "c")),
                Arguments.of(filter(Attribute.LAST_SEEN, null, Operator.WITHIN_DAYS, 7), Set.of("a", "d")),
                Arguments.of(filter(Attribute.LAST_SEEN, null, Operator.BEFORE, NOW.minus(Duration.ofDays(5))),
                        Set.of("b", "c")),
                Arguments.of(filter(Attribute.LAST_SEEN, null, Operator.AFTER, NOW.minus(Duration.ofDays(20))
                        .toString()), Set.of("a", "b", "d")),
                Arguments.of(filter(Attribute.PROPERTY, "plan", Operator.EQUALS, "gold"), Set.of("a", "c")),
                Arguments.of(filter(Attribute.PROPERTY, "plan", Operator.IN, "silver", "free"), Set.of("b")),
                Arguments.of(filter(Attribute.PROPERTY, "seats", Operator.EQUALS, new BigDecimal("5.0")),
                        Set.of("a")),
                Arguments.of(filter(Attribute.PROPERTY, "seats", Operator.EQUALS, "5"), Set.of("c")),
                Arguments.of(filter(Attribute.PROPERTY, "seats", Operator.BEFORE, 10), Set.of("a")),
                Arguments.of(filter(Attribute.PROPERTY, "seats", Operator.AFTER, new BigDecimal("4.5")),
                        Set.of("a", "b")),
                Arguments.of(filter(Attribute.PROPERTY, "beta", Operator.EQUALS, true), Set.of("a")),
                Arguments.of(filter(Attribute.PROPERTY, "unknown", Operator.EQUALS, "gold"), Set.of()));
    }

    @ParameterizedTest(name = "{0} reaches {1}")
    @MethodSource("cases")
    void eachOperatorCountsAndFansOutToExactlyTheMatchingDevices(AttributeFilter filter, Set<String> expected) {
        AudienceSpec audience = AudienceSpec.ALL_DEVICES.withFilters(List.of(filter));

        assertThat(count(audience)).isEqualTo(expected.size());
        assertThat(fannedOut(audience)).isEqualTo(expected);
    }

    @Test
    void filtersHoldTogetherAndWithTheAudienceType() {
        List<AttributeFilter> goldAfter19 = List.of(filter(Attribute.APP_VERSION, null, Operator.AFTER, "1.9"),
                filter(Attribute.PROPERTY, "plan", Operator.EQUALS, "gold"));
        AudienceSpec vip = new AudienceSpec(AudienceSpec.Type.TAGS, List.of("vip"), AudienceSpec.Match.ANY,
                List.of());

        assertThat(fannedOut(AudienceSpec.ALL_DEVICES.withFilters(goldAfter19))).containsExactly("c");
        assertThat(fannedOut(vip.withFilters(List.of(filter(Attribute.PROPERTY, "plan", Operator.IN, "silver")))))
                .containsExactly("b");
        assertThat(count(vip.withFilters(List.of(filter(Attribute.LAST_SEEN, null, Operator.WITHIN_DAYS, 5)))))
                .isZero();
    }

    @Test
    void aFilterThatCannotApplyIsRefusedByTheCountAndTheLaunch() {
        AudienceSpec audience = AudienceSpec.ALL_DEVICES.withFilters(List.of(
                filter(Attribute.PROPERTY, "seats", Operator.BEFORE, "ten")));

        assertThatThrownBy(() -> count(audience)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("audience.filters[0].values[0]"));
        assertThatThrownBy(() -> fannedOut(audience)).isInstanceOf(ValidationException.class);
    }

    @Test
    void theComposerIsOfferedTheKeysDevicesReportWithTheirKinds() {
        List<ReportedProperty> reported = TestSecurity.as(team.as(Role.VIEWER),
                () -> devices.reportedProperties(app.id()));

        assertThat(reported).containsExactly(new ReportedProperty("beta", "boolean"),
                new ReportedProperty("plan", "string"), new ReportedProperty("seats", "number"));
    }

    private long count(AudienceSpec audience) {
        return TestSecurity.as(team.as(Role.VIEWER),
                () -> campaigns.countAudience(app.id(), ApnsEnvironment.PRODUCTION, audience));
    }

    /** The devices a launch would queue, read inside its transaction, which is then rolled back. */
    private Set<String> fannedOut(AudienceSpec audience) {
        UUID run = UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        List<UUID> queued = transaction.execute(status -> {
            status.setRollbackOnly();
            dispatch.launch(LaunchRequest.now(team.teamId(), run, app.id(), ApnsEnvironment.PRODUCTION,
                    "com.example.filters", "{\"aps\":{}}", audience.toAudience(ApnsEnvironment.PRODUCTION)));
            return jdbc.sql("select device_id from delivery_queue where run_id = :run").param("run", run)
                    .query(UUID.class).list();
        });
        Map<UUID, String> names = named.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        return queued.stream().map(names::get).collect(Collectors.toSet());
    }
}
