package dev.pushdeck.audit.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import dev.pushdeck.KaribuTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.i18n.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class AuditLogViewTest extends KaribuTest {

    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate transactions;

    TestTeams.Fixture team;
    AuditEntry newest;

    @BeforeEach
    void signInAsAdmin() {
        team = teams.create("audit-zones");
        login(team.as(Role.ADMIN));
        newest = audit.search(new AuditFilter(null, null, null, null), 0, 1).get(0);
    }

    @Test
    void aViewerInShanghaiSeesWhenSomethingHappenedInShanghaiTime() {
        browserReportsZone("Asia/Shanghai");

        navigate("audit");

        String shanghai = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(UI.getCurrent().getLocale()).format(newest.occurredAt().atZone(ZoneId.of("Asia/Shanghai")));
        assertThat(GridKt._getFormattedRow(grid(), 0)).first().isEqualTo(shanghai + " UTC+8");
    }

    @Test
    void anUnknownOrMissingBrowserZoneFallsBackToUtc() {
        for (String unknown : List.of("Mars/Olympus", "+08:00", "")) {
            browserReportsZone(unknown);

            navigate("audit");

            assertThat(GridKt._getFormattedRow(grid(), 0).get(0)).as(unknown).endsWith(" UTC").doesNotContain("+");
            assertThat(_get(DatePicker.class, spec -> spec.withLabel("From (UTC)"))).isNotNull();
        }
    }

    @Test
    void thePickedDaysAreDaysInTheViewersZone() {
        // A zone whose calendar day differs from UTC's at the moment the entry was written, so a
        // day read as a UTC day would miss it.
        Instant at = newest.occurredAt();
        ZoneId zone = ZoneId.of(at.atZone(ZoneOffset.UTC).getHour() >= 11 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago");
        LocalDate localDay = LocalDate.ofInstant(at, zone);
        assertThat(localDay).isNotEqualTo(LocalDate.ofInstant(at, ZoneOffset.UTC));
        browserReportsZone(zone.getId());
        navigate("audit");
        DatePicker from = _get(DatePicker.class, spec -> spec.withLabel("From (" + zone.getId() + ")"));
        DatePicker to = _get(DatePicker.class, spec -> spec.withLabel("To (" + zone.getId() + ")"));

        from.setValue(localDay);
        to.setValue(localDay);
        assertThat(ids()).contains(newest.id());

        from.setValue(localDay.plusDays(1));
        to.setValue(localDay.plusDays(1));
        assertThat(ids()).doesNotContain(newest.id());
    }

    @Test
    void roleNamesInDetailsReadAsWordsInTheViewersLanguage() {
        transactions.executeWithoutResult(status -> audit.recordInTeam(team.teamId(), "member.role-changed",
                "someone@test.example", "EDITOR → ADMIN"));
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        navigate("audit");

        assertThat(GridKt._getFormattedRow(grid(), 0)).contains(
                Messages.get(Locale.SIMPLIFIED_CHINESE, "role.editor") + " → "
                        + Messages.get(Locale.SIMPLIFIED_CHINESE, "role.admin"));
    }

    @SuppressWarnings("unchecked")
    private static Grid<AuditEntry> grid() {
        return _get(Grid.class);
    }

    private static List<Long> ids() {
        return GridKt._fetch(grid(), 0, 50).stream().map(AuditEntry::id).toList();
    }
}
