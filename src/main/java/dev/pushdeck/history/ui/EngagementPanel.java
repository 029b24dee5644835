package dev.pushdeck.history.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.pushdeck.history.Engagement;
import dev.pushdeck.history.EngagementBucket;
import dev.pushdeck.history.OutcomeCharts;
import dev.pushdeck.history.VariantOutcome;
import dev.pushdeck.shared.ui.SvgImage;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A report's opens and receipts: how many deliveries the app reported received and opened, each
 * as a rate over the deliveries APNs accepted (said plainly: accepted is not delivered), and the
 * reports over time. Filled by its report, which reads the numbers (see docs/decisions/045).
 */
class EngagementPanel extends VerticalLayout {

    final Span received = value("count-received");
    final Span opened = value("count-opened");
    final Span receivedRate = rate("rate-received");
    final Span openedRate = rate("rate-opened");
    private final Div chart = new Div();
    /** Outcomes and opens per language, for a campaign with content per language (decision 055). */
    final Grid<VariantOutcome> byLanguage = new Grid<>();
    private final H3 byLanguageTitle = new H3();

    EngagementPanel() {
        setPadding(false);
        addClassName("report-engagement");
        FlexLayout cards = new FlexLayout(card(received, receivedRate, "history.engagement.received"),
                card(opened, openedRate, "history.engagement.opened"));
        cards.addClassName("stat-cards");
        chart.addClassName("report-charts");
        add(new H3(getTranslation("history.engagement.title")), cards,
                new Paragraph(getTranslation("history.engagement.note")), chart, byLanguageTitle, byLanguage);
        configureByLanguage();
    }

    private void configureByLanguage() {
        byLanguageTitle.setText(getTranslation("history.variants.title"));
        byLanguage.addClassName("report-by-language");
        byLanguage.setAllRowsVisible(true);
        byLanguage.addColumn(v -> v.label() == null ? getTranslation("history.variants.default") : v.label())
                .setHeader(getTranslation("history.variants.language")).setSortable(true).setAutoWidth(true);
        byLanguage.addColumn(VariantOutcome::accepted).setHeader(getTranslation("history.variants.accepted"))
                .setSortable(true);
        byLanguage.addColumn(VariantOutcome::received).setHeader(getTranslation("history.engagement.received"))
                .setSortable(true);
        byLanguage.addColumn(VariantOutcome::opened).setHeader(getTranslation("history.engagement.opened"))
                .setSortable(true);
        byLanguage.addColumn(v -> rateText(v.opened(), v.accepted()))
                .setHeader(getTranslation("history.variants.open-rate"))
                .setComparator(VariantOutcome::openedRate);
        showByLanguage(List.of());
    }

    /** Shows the counts against {@code accepted} and redraws the chart. */
    void show(Engagement counts, long accepted, List<EngagementBucket> overTime, DateTimeFormatter labels,
              List<VariantOutcome> perVariant) {
        showByLanguage(perVariant);
        received.setText(String.valueOf(counts.received()));
        opened.setText(String.valueOf(counts.opened()));
        receivedRate.setText(rateText(counts.received(), accepted));
        openedRate.setText(rateText(counts.opened(), accepted));
        OutcomeCharts.Chart drawn = OutcomeCharts.engagementOverTime(getTranslation("history.chart.engagement"),
                overTime, labels, this::getTranslation);
        chart.removeAll();
        chart.add(SvgImage.of(drawn.svg(), drawn.alt(), "engagement.svg"));
    }

    private void showByLanguage(List<VariantOutcome> perVariant) {
        byLanguage.setItems(perVariant);
        byLanguage.setVisible(!perVariant.isEmpty());
        byLanguageTitle.setVisible(!perVariant.isEmpty());
    }

    private String rateText(long count, long accepted) {
        return HistoryText.rate(this, count, accepted);
    }

    private Div card(Span number, Span rate, String labelKey) {
        Div card = new Div(number, new Span(getTranslation(labelKey)), rate);
        card.addClassName("stat-card");
        return card;
    }

    private static Span value(String id) {
        Span number = new Span("0");
        number.addClassName("stat-value");
        number.setId(id);
        return number;
    }

    private static Span rate(String id) {
        Span rate = new Span();
        rate.addClassName("stat-rate");
        rate.setId(id);
        return rate;
    }
}
