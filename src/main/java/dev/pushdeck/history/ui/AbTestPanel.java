package dev.pushdeck.history.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.dispatch.RunStatus;
import dev.pushdeck.history.AbTestReport;
import dev.pushdeck.history.VariantOutcome;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A report's A/B test side by side (docs/decisions/058-ab-tests.md): what is tested and how it
 * is (or was) decided, each version's counts behind its open rate with the leader and the
 * winner marked, whether the lead is large enough to call, the rest once it is released, and,
 * for editors while the test waits, a way to send a version to the rest now. Filled by its
 * report, which reads the numbers; a pick is handed to the report, which performs and reports it.
 */
class AbTestPanel extends VerticalLayout {

    /** One line of the side-by-side grid: a tested version, or the rest and the version it got. */
    record Row(String version, VariantOutcome outcome, String standing) {
    }

    final Paragraph status = new Paragraph();
    final Paragraph held = new Paragraph();
    final Grid<Row> versions = new Grid<>();
    final Paragraph verdict = new Paragraph();
    final HorizontalLayout picks = new HorizontalLayout();
    private final IntConsumer pick;
    private @Nullable AbTestReport shown;
    /** What the pick buttons were drawn for (versions, or none): redrawn only when that changes, so a refresh never swallows a click. */
    private int picksFor = -1;

    /** @param pick sends the given version (0 for A) to the rest, once the person confirmed */
    AbTestPanel(IntConsumer pick) {
        this.pick = pick;
        setPadding(false);
        addClassName("report-ab-test");
        status.setId("ab-test-status");
        held.setId("ab-test-held");
        verdict.setId("ab-test-verdict");
        picks.addClassName("ab-test-picks");
        add(new H3(getTranslation("history.ab.title")), status, held, versions, verdict, picks);
        configureVersions();
    }

    private void configureVersions() {
        versions.addClassName("report-ab-versions");
        versions.setAllRowsVisible(true);
        versions.addColumn(Row::version).setHeader(getTranslation("history.ab.version")).setAutoWidth(true);
        versions.addColumn(row -> row.outcome().finished()).setHeader(getTranslation("history.ab.finished"))
                .setTextAlign(ColumnTextAlign.END);
        versions.addColumn(row -> row.outcome().accepted()).setHeader(getTranslation("history.variants.accepted"))
                .setTextAlign(ColumnTextAlign.END);
        versions.addColumn(row -> row.outcome().opened()).setHeader(getTranslation("history.engagement.opened"))
                .setTextAlign(ColumnTextAlign.END);
        versions.addColumn(row -> HistoryText.rate(this, row.outcome().opened(), row.outcome().accepted()))
                .setHeader(getTranslation("history.variants.open-rate")).setAutoWidth(true);
        versions.addColumn(Row::standing).setHeader(getTranslation("history.ab.standing")).setAutoWidth(true);
    }

    /**
     * Shows a test as it stands.
     *
     * @param run    the run's status: versions can be picked only while it is sending or paused
     * @param editor whether the reader may pick a version
     */
    void show(AbTestReport report, RunStatus run, boolean editor) {
        shown = report;
        status.setText(statusText(report, run));
        held.setText(getTranslation("history.ab.held", report.held()));
        held.setVisible(report.winner() == null && !run.isFinal() && report.held() > 0);
        versions.setItems(rows(report));
        verdict.setText(verdictText(report));
        follow(run, editor);
    }

    /**
     * Offers the picks only while they can work: to an editor, while the run sends or is paused
     * and the test waits. Called on every progress tick, so a changed role or a stopped run takes
     * the buttons away at once, without reading the test again.
     */
    void follow(RunStatus run, boolean editor) {
        AbTestReport report = shown;
        boolean waiting = editor && (run == RunStatus.SENDING || run == RunStatus.PAUSED);
        showPicks(report != null && waiting && report.winner() == null ? report.versions().size() : 0);
    }

    private String statusText(AbTestReport report, RunStatus run) {
        Integer winner = report.winner();
        if (winner == null) {
            return run.isFinal() ? getTranslation("history.ab.status.stopped", report.testPercent())
                    : getTranslation("history.ab.status.testing", report.testPercent(),
                    Times.format(report.decideAt(), this));
        }
        // Whole sentences per case, so each language orders its own words.
        String released = report.releasedAt() == null ? ".releasing" : "";
        String decidedAt = Times.format(report.decidedAt(), this);
        return report.pickedBy() == null
                ? getTranslation("history.ab.status.won" + released, report.testPercent(), AbTest.letter(winner),
                decidedAt)
                : getTranslation("history.ab.status.picked" + released, report.testPercent(), AbTest.letter(winner),
                decidedAt, report.pickedBy());
    }

    private List<Row> rows(AbTestReport report) {
        List<Row> rows = new ArrayList<>();
        for (VariantOutcome version : report.versions()) {
            rows.add(new Row(Objects.requireNonNull(version.label(), "a version has its letter"), version,
                    standing(report, version.variant())));
        }
        Integer winner = report.winner();
        if (winner != null && report.releasedAt() != null) {
            rows.add(new Row(getTranslation("history.ab.rest", AbTest.letter(winner)), report.rest(), ""));
        }
        return rows;
    }

    /** The winner, and the leader by open rate once anything was opened (without opens, nothing leads). */
    private String standing(AbTestReport report, int version) {
        boolean winner = Objects.equals(report.winner(), version);
        boolean leads = report.verdict().leader() == version && anyOpened(report);
        if (winner && leads) {
            return getTranslation("history.ab.standing.winner-leads");
        }
        return winner ? getTranslation("history.ab.standing.winner")
                : leads ? getTranslation("history.ab.standing.leads") : "";
    }

    private String verdictText(AbTestReport report) {
        String leader = AbTest.letter(report.verdict().leader());
        if (report.verdict().callable()) {
            return getTranslation("history.ab.verdict.callable", leader);
        }
        return anyOpened(report) ? getTranslation("history.ab.verdict.too-small", leader)
                : getTranslation("history.ab.verdict.no-opens");
    }

    private static boolean anyOpened(AbTestReport report) {
        return report.versions().stream().anyMatch(version -> version.opened() > 0);
    }

    private void showPicks(int count) {
        if (count == picksFor) {
            return;
        }
        picksFor = count;
        picks.removeAll();
        for (int version = 0; version < count; version++) {
            picks.add(pickButton(version));
        }
        picks.setVisible(count > 0);
    }

    private Button pickButton(int version) {
        String letter = AbTest.letter(version);
        return new Button(getTranslation("history.ab.pick", letter), click -> Confirm.destructive(
                getTranslation("history.ab.pick.header", letter),
                getTranslation("history.ab.pick.text", Objects.requireNonNull(shown, "shown before a pick").held(),
                        letter),
                getTranslation("history.ab.pick", letter), () -> pick.accept(version)));
    }
}
