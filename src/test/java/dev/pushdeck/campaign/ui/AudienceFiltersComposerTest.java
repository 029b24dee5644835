package dev.pushdeck.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignFixtures;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.device.DeviceAttributes;
import dev.pushdeck.device.DeviceFields;
import dev.pushdeck.device.internal.RegistrationRepository.Registering;
import dev.pushdeck.device.internal.DeviceRules;
import dev.pushdeck.device.internal.RegistrationWriter;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The composer's attribute filter rows: added, changed and removed with the live count following. */
class AudienceFiltersComposerTest extends KaribuTest {

    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    RegistrationWriter registrations;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("filters-composer");
        app = fixtures.app(team, "Filters Composer " + UUID.randomUUID().toString().substring(0, 6));
        device("1.9", Map.of("plan", "gold", "seats", 3));
        device("1.10", Map.of("plan", "silver", "seats", 12));
        device("2.0", Map.of("plan", "gold", "beta", true));
    }

    private void device(String version, Map<String, Object> properties) {
        registrations.write(new Registering(team.teamId(), app.id(), ApnsEnvironment.PRODUCTION, CampaignFixtures.token(),
                DeviceFields.NONE, DeviceRules.reported(new DeviceAttributes(version, new LinkedHashMap<>(properties))),
                Instant.now()));
    }

    private ComposerView composer() {
        login(team.as(Role.EDITOR));
        navigate("campaigns/compose");
        ComposerView view = _get(ComposerView.class);
        view.app.setValue(app);
        view.form.environment.setValue(ApnsEnvironment.PRODUCTION);
        return view;
    }

    private static List<AudienceFilterRows.Row> rows() {
        return _find(AudienceFilterRows.Row.class);
    }

    @Test
    void filterRowsNarrowTheLiveCountAsTheyChangeAndGoAway() {
        ComposerView view = composer();
        assertThat(view.form.audience.audienceCount.getText()).startsWith("3 ");
        assertThat(rows()).isEmpty();

        _click(view.form.audience.filters.add);
        AudienceFilterRows.Row version = rows().get(0);
        assertThat(version.attribute.getValue()).isEqualTo(Attribute.APP_VERSION);
        version.operator.setValue(Operator.AFTER);
        version.text.setValue("1.9");
        assertThat(view.form.audience.audienceCount.getText()).as("1.10 and 2.0 come after 1.9").startsWith("2 ");

        _click(view.form.audience.filters.add);
        AudienceFilterRows.Row plan = rows().get(1);
        plan.attribute.setValue(Attribute.PROPERTY);
        assertThat(plan.key.isVisible()).isTrue();
        assertThat(plan.key.getListDataView().getItems()).as("keys the app's devices report")
                .containsExactly("beta", "plan", "seats");
        plan.key.setValue("plan");
        plan.operator.setValue(Operator.EQUALS);
        plan.text.setValue("gold");
        assertThat(view.form.audience.audienceCount.getText()).as("only 2.0 is gold after 1.9").startsWith("1 ");

        _click(version.remove);
        assertThat(rows()).hasSize(1);
        assertThat(view.form.audience.audienceCount.getText()).as("gold, any version").startsWith("2 ");
    }

    @Test
    void eachAttributeShowsTheFieldsItsConditionTakes() {
        ComposerView view = composer();
        _click(view.form.audience.filters.add);
        AudienceFilterRows.Row row = rows().get(0);

        row.attribute.setValue(Attribute.LAST_SEEN);
        assertThat(row.operator.getListDataView().getItems()).containsExactly(Operator.BEFORE, Operator.AFTER,
                Operator.WITHIN_DAYS);
        assertThat(row.when.isVisible()).isTrue();
        assertThat(row.text.isVisible()).isFalse();
        row.operator.setValue(Operator.WITHIN_DAYS);
        assertThat(row.days.isVisible()).isTrue();
        assertThat(row.when.isVisible()).isFalse();
        row.days.setValue(7);
        assertThat(view.form.audience.audienceCount.getText()).as("every device registered just now").startsWith("3 ");

        row.attribute.setValue(Attribute.PROPERTY);
        row.key.setValue("seats");
        row.operator.setValue(Operator.BEFORE);
        assertThat(row.operator.getItemLabelGenerator().apply(Operator.BEFORE)).isEqualTo("less than");
        row.text.setValue("10");
        assertThat(view.form.audience.audienceCount.getText()).as("seats 3").startsWith("1 ");
    }

    @Test
    void aBadValueIsNamedOnItsRowOnSaveAndGoodFiltersAreSavedAndReopened() {
        ComposerView view = composer();
        view.form.name.setValue("Upgrade please");
        view.form.content.body.setValue("Version 2 is out");
        _click(view.form.audience.filters.add);
        AudienceFilterRows.Row version = rows().get(0);
        version.operator.setValue(Operator.BEFORE);
        version.text.setValue("2.0-beta");

        _click(view.save);
        assertThat(version.text.isInvalid()).isTrue();
        assertThat(version.text.getErrorMessage()).contains("2.10.1");
        assertThat(campaigns()).isEmpty();

        version.text.setValue("2.0");
        _click(view.form.audience.filters.add);
        AudienceFilterRows.Row seats = rows().get(1);
        seats.attribute.setValue(Attribute.PROPERTY);
        seats.key.setValue("seats");
        seats.operator.setValue(Operator.IN);
        seats.text.setValue("3, 12");
        _click(view.save);

        List<Campaign> saved = campaigns();
        assertThat(saved).hasSize(1);
        List<AttributeFilter> filters = saved.get(0).draft().audience().filters();
        assertThat(filters).hasSize(2);
        assertThat(filters.get(0)).isEqualTo(new AttributeFilter(Attribute.APP_VERSION, null, Operator.BEFORE,
                List.of("2.0")));
        assertThat(filters.get(1).values()).as("seats are numbers on the devices, so the text is read as numbers")
                .containsExactly(new BigDecimal("3"), new BigDecimal("12"));

        navigate("campaigns/compose/" + saved.get(0).id());
        List<AudienceFilterRows.Row> reopened = rows();
        assertThat(reopened).hasSize(2);
        assertThat(reopened.get(0).text.getValue()).isEqualTo("2.0");
        assertThat(reopened.get(1).key.getValue()).isEqualTo("seats");
        assertThat(reopened.get(1).text.getValue()).isEqualTo("3, 12");
        assertThat(_get(ComposerView.class).form.audience.audienceCount.getText()).as("1.9 with 3 seats and 1.10 with 12").startsWith("2 ");
    }

    private List<Campaign> campaigns() {
        return TestSecurity.as(team.as(Role.EDITOR), () -> campaigns.list(new CampaignFilter(null, app.id(), null,
                null), 0, 10));
    }
}
