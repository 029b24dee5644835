package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.campaign.dispatcher.CampaignLifecycle;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import dev.pushdeck.shared.error.ConflictException;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@PushdeckTest
class CampaignServiceTest {

    @Autowired
    TestTeams teams;
    @Autowired
    CampaignFixtures fixtures;
    @Autowired
    CampaignService campaigns;
    @Autowired
    TemplateService templates;
    @Autowired
    AuditLog audit;
    @Autowired
    CampaignLifecycle lifecycle;
    @Autowired
    JdbcClient jdbc;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("campaign-service");
        app = fixtures.app(team, "Service App");
        fixtures.device(team, app.id(), "sandbox", "vip");
        team.signIn(Role.EDITOR);
    }

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    private static CampaignDraft draft(String name) {
        Notification content = new Notification("Sale", "Today", "Half price", "chime.caf", 1, "OFFER", "sales",
                true, false, "active", 0.5, "{\"offer\":42}");
        return new CampaignDraft(name, ApnsEnvironment.SANDBOX, content, null, PushType.ALERT, 10, Expiration.NONE, null,
                new AudienceSpec(AudienceSpec.Type.TAGS, List.of(" vip ", "vip"), AudienceSpec.Match.ANY, List.of()),
                null, null);
    }

    @Test
    void aDuplicateIsANewDraftWithTheSameContentAndNoSchedule() {
        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "Europe/Paris", false);
        Campaign original = campaigns.create(app.id(), draft("Sale").withSchedule(tomorrow));
        assertThat(original.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(original.draft().audience().tags()).containsExactly("vip");
        assertThat(original.audienceCount()).isEqualTo(1);

        Campaign copy = campaigns.duplicate(original.id());

        assertThat(copy.id()).isNotEqualTo(original.id());
        assertThat(copy.name()).isEqualTo("Sale (copy)");
        assertThat(copy.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(copy.draft().schedule()).isNull();
        assertThat(copy.payload()).isEqualTo(original.payload());
    }

    @Test
    void aCopyOfAFailedPriorityOneCampaignIsADraftToFixNotAnotherRefusal() {
        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign legacy = campaigns.create(app.id(), draft("Legacy").withSchedule(tomorrow));
        jdbc.sql("update campaigns set priority = 1 where id = :id").param("id", legacy.id()).update();
        lifecycle.markFailed(team.teamId(), legacy.id(), "campaign.priority.unsupported");

        Campaign copy = campaigns.duplicate(legacy.id());

        assertThat(copy.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(copy.draft().priority()).isEqualTo(1);
        assertThat(campaigns.check(copy.draft()).errorFor("priority")).isPresent();
        assertThatThrownBy(() -> campaigns.sendNow(copy.id())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> campaigns.schedule(copy.id(), tomorrow)).isInstanceOf(ValidationException.class);
        CampaignDraft d = copy.draft();
        Campaign fixed = campaigns.update(copy.id(), new CampaignDraft(d.name(), d.environment(), d.notification(),
                d.rawPayload(), d.pushType(), 5, d.expiration(), d.collapseId(), d.audience(), tomorrow,
                d.throttlePerMinute()));
        assertThat(fixed.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(fixed.draft().priority()).isEqualTo(5);
    }

    @Test
    void onlyDraftsAreDeletedAndOnlyScheduledCampaignsCancelled() {
        Campaign draft = campaigns.create(app.id(), draft("Draft"));
        assertThatThrownBy(() -> campaigns.cancel(draft.id())).isInstanceOf(ConflictException.class);
        campaigns.delete(draft.id());
        assertThatThrownBy(() -> campaigns.get(draft.id())).isInstanceOf(NotFoundException.class);

        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign scheduled = campaigns.create(app.id(), draft("Scheduled").withSchedule(tomorrow));
        assertThatThrownBy(() -> campaigns.delete(scheduled.id())).isInstanceOf(ConflictException.class);
        assertThat(campaigns.cancel(scheduled.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void editingAScheduledCampaignWithoutAScheduleMakesItADraftAgain() {
        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign scheduled = campaigns.create(app.id(), draft("Plan").withSchedule(tomorrow));

        Campaign edited = campaigns.update(scheduled.id(), draft("Plan B"));

        assertThat(edited.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(edited.scheduledAt()).isNull();
        assertThat(edited.name()).isEqualTo("Plan B");
    }

    @Test
    void theListFiltersByStatusAppAndText() {
        campaigns.create(app.id(), draft("Spring sale"));
        campaigns.create(app.id(), draft("Autumn news"));

        assertThat(campaigns.list(new CampaignFilter(null, null, "SALE"), 0, 10)).extracting(Campaign::name)
                .containsExactly("Spring sale");
        assertThat(campaigns.list(new CampaignFilter(CampaignStatus.DRAFT, app.id(), null), 0, 10)).hasSize(2);
        assertThat(campaigns.count(new CampaignFilter(CampaignStatus.SCHEDULED, null, null))).isZero();
        assertThat(campaigns.list(CampaignFilter.ALL, 1, 10)).extracting(Campaign::name).containsExactly("Spring sale");
    }

    @Test
    void aTemplateKeepsTheContentAndStartsNewCampaigns() {
        Campaign campaign = campaigns.create(app.id(), draft("Source"));
        Template template = templates.saveFrom(campaign.id(), "Sale template");

        assertThat(template.notification()).isEqualTo(campaign.draft().notification());
        assertThat(templates.list()).extracting(Template::name).containsExactly("Sale template");
        assertThatThrownBy(() -> templates.save("sale TEMPLATE", template.notification(), null))
                .isInstanceOf(ConflictException.class);

        templates.delete(template.id());
        assertThat(templates.list()).isEmpty();
    }

    @Test
    void aViewerReadsButCannotChangeCampaignsOrTemplates() {
        Campaign campaign = campaigns.create(app.id(), draft("Read me"));
        team.signIn(Role.VIEWER);

        assertThat(campaigns.get(campaign.id()).name()).isEqualTo("Read me");
        assertThatThrownBy(() -> campaigns.create(app.id(), draft("No"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.delete(campaign.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> templates.save("No", Notification.EMPTY, null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anotherTeamsCampaignsAndTemplatesAreNotFound() {
        Campaign mine = campaigns.create(app.id(), draft("Mine"));
        Template template = templates.save("Mine", Notification.EMPTY, null);
        teams.create("campaign-service-other").signIn(Role.OWNER);

        assertThatThrownBy(() -> campaigns.get(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> campaigns.duplicate(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> campaigns.create(app.id(), draft("x"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> templates.get(template.id())).isInstanceOf(NotFoundException.class);
        assertThat(campaigns.list(CampaignFilter.ALL, 0, 10)).isEmpty();
    }

    @Test
    void creatingSchedulingEditingCancellingAndDeletingAreAudited() {
        Schedule tomorrow = new Schedule(LocalDateTime.now(ZoneOffset.UTC).plusDays(1), "UTC", false);
        Campaign campaign = campaigns.create(app.id(), draft("Audited").withSchedule(tomorrow));
        campaigns.update(campaign.id(), draft("Audited").withSchedule(tomorrow));
        campaigns.cancel(campaign.id());
        Campaign other = campaigns.create(app.id(), draft("Gone"));
        campaigns.delete(other.id());
        Template template = templates.save("Audited template", Notification.EMPTY, null);
        templates.delete(template.id());
        team.signIn(Role.ADMIN);

        assertThat(audit.search(AuditFilter.none(), 0, 100)).extracting(AuditEntry::action).contains(
                "campaign.created", "campaign.scheduled", "campaign.edited", "campaign.cancelled", "campaign.deleted",
                "campaign.template-saved", "campaign.template-deleted");
    }
}
