package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.dispatch.SplitTestState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a run's outcomes per variant become an A/B test's figures and the per-language figures,
 * without a database: two versions in French beside the default (stride 2), the rest numbered
 * from 4 (docs/decisions/058-ab-tests.md).
 */
class AbTestFiguresTest {

    private static final SplitTestState TWO_VERSIONS_IN_FRENCH = new SplitTestState(UUID.randomUUID(), 20, 2, 2,
            Instant.parse("2026-12-06T12:00:00Z"), 1, Instant.parse("2026-12-06T11:30:00Z"), null, 80, null, null,
            null, null);

    private static final List<VariantOutcome> VARIANTS = List.of(
            new VariantOutcome(0, null, 8, 8, 2, 1),
            new VariantOutcome(1, "fr", 2, 2, 1, 1),
            new VariantOutcome(2, null, 8, 7, 4, 4),
            new VariantOutcome(3, "fr", 2, 2, 2, 2),
            new VariantOutcome(4, null, 0, 0, 0, 0),
            new VariantOutcome(5, "fr", 0, 0, 0, 0),
            new VariantOutcome(6, null, 60, 58, 10, 9),
            new VariantOutcome(7, "fr", 20, 20, 3, 3));

    @Test
    void eachVersionSumsItsTestedLanguagesAndTheRestIsCountedApart() {
        AbTestReport report = AbTestReport.of(TWO_VERSIONS_IN_FRENCH, VARIANTS);

        assertThat(report.versions()).containsExactly(
                new VariantOutcome(0, "A", 10, 10, 3, 2),
                new VariantOutcome(1, "B", 10, 9, 6, 6));
        assertThat(report.rest()).isEqualTo(new VariantOutcome(4, null, 80, 78, 13, 12));
        assertThat(report.verdict().leader()).isEqualTo(1);
        assertThat(report.verdict().callable()).as("2 of 10 against 6 of 9 opens").isFalse();
        assertThat(report.winner()).isEqualTo(1);
        assertThat(report.held()).isEqualTo(80);
    }

    @Test
    void languagesAreSummedOverTheVersionsTestAndRest() {
        assertThat(VariantOutcome.byLanguage(VARIANTS)).containsExactly(
                new VariantOutcome(0, null, 76, 73, 16, 14),
                new VariantOutcome(1, "fr", 24, 24, 6, 6));
    }

    @Test
    void aRunWordedInOneLanguageHasNoFiguresPerLanguage() {
        assertThat(VariantOutcome.byLanguage(List.of(new VariantOutcome(0, null, 5, 5, 0, 0),
                new VariantOutcome(1, null, 5, 5, 0, 0)))).isEmpty();
    }
}
