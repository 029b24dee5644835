package dev.pushdeck.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.device.Device;
import dev.pushdeck.dispatch.LiveSending;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DashboardViewTest extends KaribuTest {

    @Autowired
    AppService apps;
    @Autowired
    CampaignService campaigns;

    @Test
    void theDashboardCountsOnlyTheCurrentTeamsApps() {
        TestTeams.Fixture mine = teams.create("dash-mine");
        TestTeams.Fixture theirs = teams.create("dash-theirs");
        TestSecurity.as(mine.as(Role.ADMIN), () -> List.of(apps.create("One", "com.example.one"),
                apps.create("Two", "com.example.two")));
        TestSecurity.as(theirs.as(Role.ADMIN), () -> apps.create("Other", "com.example.other"));
        login(mine.as(Role.VIEWER));

        navigate("");

        assertThat(statValue("apps")).isEqualTo("2");
        assertThat(statValue("members")).isEqualTo("4");
    }

    @Test
    void theSendingCardsCountTheCurrentTeamsOutcomesOnly() throws Exception {
        TestTeams.Fixture mine = teams.create("dash-sent");
        TestTeams.Fixture theirs = teams.create("dash-sent-other");
        try (LiveSending live = new LiveSending(context)) {
            PushApp app = live.app(mine, "dashboard");
            List<Device> devices = live.devices(mine, app, 3);
            live.unregistered(devices.get(0));
            Campaign campaign = live.send(mine, app, "Dashboard numbers");
            live.awaitProgress(mine, campaign.id(), progress -> progress.status().isFinal());
            PushApp other = live.app(theirs, "dashboard-other");
            live.devices(theirs, other, 2);
            Campaign theirCampaign = live.send(theirs, other, "Theirs");
            live.awaitProgress(theirs, theirCampaign.id(), progress -> progress.status().isFinal());
        }
        login(mine.as(Role.VIEWER));

        navigate("");

        assertThat(statValue("sent to APNs")).isEqualTo("3");
        assertThat(statValue("accepted by APNs")).isEqualTo("2");
        assertThat(statValue("rejected by APNs")).isEqualTo("1");
        assertThat(statValue("failed")).isEqualTo("0");
        assertThat(_find(Image.class)).anySatisfy(chart -> assertThat(chart.getAlt()).hasValueSatisfying(
                alt -> assertThat(alt).startsWith("Outcomes per hour, last 7 days: 3 ")));
    }

    @Test
    void aCampaignThatIsSendingIsListedWithALinkToItsReport() throws Exception {
        TestTeams.Fixture mine = teams.create("dash-now");
        try (LiveSending live = new LiveSending(context)) {
            PushApp app = live.app(mine, "now");
            live.devices(mine, app, 3);
            Campaign campaign = live.send(mine, app, "Throttled", 1);
            login(mine.as(Role.VIEWER));

            navigate("");

            assertThat(_find(Anchor.class)).anySatisfy(link -> {
                assertThat(link.getHref()).isEqualTo("campaigns/" + campaign.id() + "/report");
                assertThat(link.getText()).isEqualTo("Throttled");
            });
            TestSecurity.as(mine.as(Role.EDITOR), () -> campaigns.cancel(campaign.id()));
        }
    }

    /** The number on the card whose label is {@code label}. */
    private static String statValue(String label) {
        List<Span> spans = _find(Span.class);
        for (int i = 0; i + 1 < spans.size(); i++) {
            if (spans.get(i).hasClassName("stat-value") && spans.get(i + 1).getText().equals(label)) {
                return spans.get(i).getText();
            }
        }
        throw new AssertionError("no card labelled " + label);
    }
}
