package dev.pushdeck.history.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunProgress;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's deliveries counted by status, one card each, and how many of them are handled, as a
 * bar and in words. Filled by its report from each progress read; empty until {@link #start}.
 */
class RunCounters extends VerticalLayout {

    /** The delivery statuses shown as counters, in the order people read them. */
    private static final List<DeliveryStatus> COUNTED = List.of(DeliveryStatus.ACCEPTED, DeliveryStatus.REJECTED,
            DeliveryStatus.FAILED, DeliveryStatus.EXPIRED, DeliveryStatus.CANCELLED, DeliveryStatus.SKIPPED,
            DeliveryStatus.PENDING, DeliveryStatus.IN_FLIGHT);

    final Map<DeliveryStatus, Span> counts = new EnumMap<>(DeliveryStatus.class);
    final ProgressBar bar = new ProgressBar();
    final Span progressText = new Span();
    private final FlexLayout cards = new FlexLayout();

    RunCounters() {
        setPadding(false);
        cards.addClassName("stat-cards");
        bar.setWidthFull();
        progressText.setId("progress-text");
        add(cards, bar, progressText);
    }

    /** A card per counted status, each at zero until the first {@link #show}. */
    void start() {
        clear();
        for (DeliveryStatus counted : COUNTED) {
            Span number = new Span("0");
            number.addClassName("stat-value");
            number.setId("count-" + counted.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            counts.put(counted, number);
            Div card = new Div(number, new Span(HistoryText.status(this, counted)));
            card.addClassName("stat-card");
            cards.add(card);
        }
    }

    /** Nothing of an earlier run stays. */
    void clear() {
        counts.clear();
        cards.removeAll();
    }

    void show(RunProgress progress) {
        counts.forEach((counted, number) -> number.setText(String.valueOf(progress.count(counted))));
        long open = progress.count(DeliveryStatus.PENDING) + progress.count(DeliveryStatus.IN_FLIGHT);
        long handled = Math.max(0, progress.total() - open);
        bar.setValue(progress.total() == 0 ? 1 : (double) handled / progress.total());
        progressText.setText(getTranslation("history.report.progress", handled, progress.total()));
    }
}
