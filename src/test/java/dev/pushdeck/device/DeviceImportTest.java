package dev.pushdeck.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import dev.pushdeck.TestTeams;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.device.feedback.DeviceFeedback;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.TestSecurity;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@PushdeckTest
class DeviceImportTest {

    @Autowired
    TestTeams teams;
    @Autowired
    DeviceFixtures fixtures;
    @Autowired
    DeviceImportService imports;
    @Autowired
    DeviceService devices;

    TestTeams.Fixture team;
    PushApp app;

    @BeforeEach
    void setUp() {
        team = teams.create("import");
        app = fixtures.app(team, "Import App");
        team.signIn(Role.EDITOR);
    }

    @AfterEach
    void signOut() {
        TestSecurity.signOut();
    }

    private ImportReport run(String csv) {
        return imports.importCsv(app.id(), stream(csv), null);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Device> all() {
        return devices.list(app.id(), DeviceFilter.ALL, 0, 500);
    }

    @Test
    void goodRowsAreImportedAndBrokenRowsAreReportedByLineNumber() {
        String a = DeviceFixtures.token();
        String b = DeviceFixtures.token();
        ImportReport report = run("""
                token,environment,tags,alias,locale,timezone
                %s,production,vip;beta,user-1,en-US,Europe/Berlin
                %s,sandbox,,,,
                not-a-token,production,,,,
                %s,staging,,,,
                %s,production,,,xx_!!,Mars/Base
                """.formatted(a, b, DeviceFixtures.token(), DeviceFixtures.token()));

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.updated()).isZero();
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.errors()).extracting(ImportReport.LineError::line).containsExactly(4L, 5L, 6L);
        assertThat(report.errors().get(0).message(Locale.ENGLISH)).startsWith("token: ").contains("position 1: 'n'");
        assertThat(report.errors().get(1).message(Locale.ENGLISH)).startsWith("environment: ");
        assertThat(report.stoppedReason()).isNull();
        Device first = all().stream().filter(d -> d.token().equals(a)).findFirst().orElseThrow();
        assertThat(first.tags()).containsExactly("beta", "vip");
        assertThat(first.alias()).isEqualTo("user-1");
        assertThat(first.timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void reimportingTheSameFileChangesAndCountsNothing() {
        StringBuilder csv = new StringBuilder("token,environment,tags,alias\n");
        for (int i = 0; i < 120; i++) {
            csv.append(DeviceFixtures.token()).append(",production,t").append(i % 3).append(",u").append(i).append('\n');
        }
        ImportReport first = run(csv.toString());
        ImportReport second = run(csv.toString());

        assertThat(first.imported()).isEqualTo(120);
        assertThat(second.imported()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(second.rejected()).isZero();
    }

    @Test
    void duplicatesWithinTheFileAndAgainstTheDatabaseAreUpsertsWhereTheLastRowWins() {
        String known = DeviceFixtures.token();
        run("token,alias\n" + known + ",old\n");
        String twice = DeviceFixtures.token();

        ImportReport report = run("token,alias\n" + twice + ",first\n" + known + ",new\n" + twice + ",second\n");

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(all()).extracting(Device::token, Device::alias)
                .contains(org.assertj.core.groups.Tuple.tuple(twice, "second"),
                        org.assertj.core.groups.Tuple.tuple(known, "new"));
    }

    @Test
    void withChunksWrittenInParallelALaterRowForATokenStillWins() {
        List<String> tokens = new ArrayList<>();
        StringBuilder csv = new StringBuilder("token,alias\n");
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 5; i++) {
                if (round == 0) {
                    tokens.add(DeviceFixtures.token());
                }
                csv.append(tokens.get(i)).append(",round-").append(round).append('\n');
            }
        }

        ImportReport report = imports.importCsv(app.id(), stream(csv.toString()), null,
                new ImportLimits(1_000_000, 1000, 5, 100, 1000, 3));

        assertThat(report.imported()).isEqualTo(5);
        assertThat(report.updated()).isEqualTo(25);
        assertThat(all()).extracting(Device::alias).containsOnly("round-5");
    }

    @Test
    void aByteOrderMarkCrlfLineEndsAndQuotedFieldsWithCommasAreRead() {
        String token = DeviceFixtures.token();
        ImportReport report = run("\uFEFFToken,Alias,Tags\r\n\"" + token + "\",\"Doe, \"\"Jane\"\"\",\"a;b\"\r\n");

        assertThat(report.imported()).isEqualTo(1);
        assertThat(all().get(0).alias()).isEqualTo("Doe, \"Jane\"");
        assertThat(all().get(0).tags()).containsExactly("a", "b");
    }

    @Test
    void aHugeSingleLineIsRejectedAndTheRowsAfterItStillCount() {
        String token = DeviceFixtures.token();
        InputStream csv = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                stream("token,alias\n"), stream("a".repeat(3_000_000)), stream("\n" + token + ",after\n"))));

        ImportReport report = imports.importCsv(app.id(), csv, null);

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.errors().get(0).line()).isEqualTo(2);
        assertThat(report.errors().get(0).message(Locale.ENGLISH)).contains("longer than");
        assertThat(report.imported()).isEqualTo(1);
    }

    @Test
    void theRowCapStopsTheImportAndSaysWhereWhileEarlierChunksStay() {
        StringBuilder csv = new StringBuilder("token\n");
        for (int i = 0; i < 25; i++) {
            csv.append(DeviceFixtures.token()).append('\n');
        }
        ImportReport report = imports.importCsv(app.id(), stream(csv.toString()), null,
                new ImportLimits(1_000_000, 20, 7, 100, 1000, 2));

        assertThat(report.imported()).isEqualTo(20);
        assertThat(report.stoppedReason().message(Locale.ENGLISH)).contains("line 22").contains("at most 20 rows");
    }

    @Test
    void theSizeCapStopsTheImport() {
        StringBuilder csv = new StringBuilder("token\n");
        for (int i = 0; i < 50; i++) {
            csv.append(DeviceFixtures.token()).append('\n');
        }
        ImportReport report = imports.importCsv(app.id(), stream(csv.toString()), null,
                new ImportLimits(1024, 1000, 5, 100, 1000, 2));

        assertThat(report.stoppedReason().message(Locale.ENGLISH)).contains("larger than");
        assertThat(report.imported()).isBetween(1L, 15L);
    }

    @Test
    void onlyTheFirstErrorsAreListedButAllAreCounted() {
        StringBuilder csv = new StringBuilder("token\n");
        for (int i = 0; i < 250; i++) {
            csv.append("bad").append(i).append('\n');
        }
        ImportReport report = run(csv.toString());

        assertThat(report.rejected()).isEqualTo(250);
        assertThat(report.errors()).hasSize(100);
    }

    @Test
    void aFileWithoutATokenColumnOrThatIsNotTextIsRefusedAsAWhole() {
        assertThatThrownBy(() -> run("name,email\nx,y\n")).isInstanceOf(ImportFailedException.class)
                .hasMessageContaining("\"token\" column").hasMessageContaining("name,email");
        byte[] binary = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
        assertThatThrownBy(() -> imports.importCsv(app.id(), new ByteArrayInputStream(binary), null))
                .isInstanceOf(ImportFailedException.class)
                .satisfies(e -> assertThat(((ImportFailedException) e).httpStatus())
                        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY));
        assertThatThrownBy(() -> run("")).isInstanceOf(ImportFailedException.class);
    }

    @Test
    void progressIsReportedAfterEachChunk() {
        StringBuilder csv = new StringBuilder("token\n");
        for (int i = 0; i < 30; i++) {
            csv.append(DeviceFixtures.token()).append('\n');
        }
        List<ImportProgress> seen = new ArrayList<>();
        imports.importCsv(app.id(), stream(csv.toString()), seen::add,
                new ImportLimits(1_000_000, 1000, 10, 100, 1000, 2));

        assertThat(seen).hasSize(3);
        assertThat(seen.get(2).imported()).isEqualTo(30);
        assertThat(seen.get(2).bytesRead()).isEqualTo(csv.length());
    }

    @Test
    void importDoesNotReviveUnregisteredDevicesSoAnExportRoundTripChangesNothing() {
        String token = DeviceFixtures.token();
        run("token,environment\n" + token + ",production\n");
        Device device = all().get(0);
        TestSecurity.signOut();
        feedback.unregistered(team.teamId(), device.id(), java.time.Instant.now().plusSeconds(1), "Unregistered");
        team.signIn(Role.EDITOR);

        ImportReport again = run("token,environment,status\n" + token + ",production,ACTIVE\n");

        assertThat(again.updated()).isZero();
        assertThat(all().get(0).status()).isEqualTo(DeviceStatus.UNREGISTERED);
    }

    @Autowired
    DeviceFeedback feedback;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theReportSpeaksTheLanguageOfWhoeverReadsIt() {
        ImportReport report = run("token\nnot-a-token\n");

        ImportReport.LineError error = report.errors().get(0);
        assertThat(error.column()).isEqualTo("token");
        assertThat(error.message(Locale.ENGLISH)).startsWith("token: ");
        assertThat(error.message(Locale.SIMPLIFIED_CHINESE)).startsWith("token: ")
                .isNotEqualTo(error.message(Locale.ENGLISH));
    }

    @Test
    void anImportSaysWhetherItJoinsTheCallersTransactionAndRefusesTheOtherPlace() {
        String token = DeviceFixtures.token();
        assertThatThrownBy(() -> imports.importCsvInTransaction(app.id(), stream("token\n" + token + "\n")))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> run("token\n" + token + "\n")))
                .isInstanceOf(IllegalTransactionStateException.class);

        ImportReport rolledBack = transactions.execute(status -> {
            status.setRollbackOnly();
            return imports.importCsvInTransaction(app.id(), stream("token\n" + token + "\n"));
        });

        assertThat(rolledBack.imported()).isEqualTo(1);
        assertThat(all()).isEmpty();
    }

    @Test
    void aViewerCannotImport() {
        team.signIn(Role.VIEWER);
        assertThatThrownBy(() -> run("token\n" + DeviceFixtures.token() + "\n"))
                .isInstanceOf(AccessDeniedException.class);
    }
}
