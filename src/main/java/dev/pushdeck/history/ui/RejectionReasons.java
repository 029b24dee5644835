package dev.pushdeck.history.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import dev.pushdeck.dispatch.RunProgress;
import java.util.Map;

/** A run's refusals counted by APNs reason, with what each reason means in plain words; hidden while there are none. */
class RejectionReasons extends Grid<Map.Entry<String, Long>> {

    RejectionReasons() {
        addColumn(Map.Entry::getKey).setHeader(getTranslation("history.column.reason")).setWidth("7em")
                .setFlexGrow(1);
        addColumn(Map.Entry::getValue).setHeader(getTranslation("history.report.reason-count"))
                .setWidth("4em").setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        // 21em in all: the three columns fit a 390 px phone, the meaning takes what a desktop adds.
        addColumn(entry -> HistoryText.meaning(this, entry.getKey()))
                .setHeader(getTranslation("history.report.reason-meaning")).setWidth("10em").setFlexGrow(3);
        setAllRowsVisible(true);
    }

    void show(RunProgress progress) {
        setItems(progress.byReason().entrySet().stream().toList());
        setVisible(!progress.byReason().isEmpty());
    }
}
