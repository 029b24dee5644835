package dev.pushdeck.history.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Image;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.dispatch.RunProgress;
import dev.pushdeck.history.SvgChart;
import dev.pushdeck.history.SvgChart.Slice;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The report's charts as images of server-drawn SVG. */
final class Charts {

    static final String ACCEPTED = "#2e7d32";
    static final String REJECTED = "#c62828";
    static final String FAILED = "#ef6c00";
    static final String EXPIRED = "#6d4c41";
    static final String CANCELLED = "#9e9e9e";
    static final String WAITING = "#90caf9";

    private Charts() {
    }

    /** An image of {@code svg}; {@code alt} says in words what it shows. */
    static Image image(String svg, String alt, String fileName) {
        byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);
        Image image = new Image(event -> {
            event.setFileName(fileName);
            event.setContentType("image/svg+xml");
            event.getOutputStream().write(bytes);
        }, alt);
        image.addClassName("chart");
        return image;
    }

    /** One bar split by what became of the run's deliveries so far. */
    static Image outcomes(Component in, RunProgress progress) {
        List<Slice> slices = List.of(
                slice(in, "history.status.accepted", ACCEPTED, progress.count(DeliveryStatus.ACCEPTED)),
                slice(in, "history.status.rejected", REJECTED, progress.count(DeliveryStatus.REJECTED)),
                slice(in, "history.status.failed", FAILED, progress.count(DeliveryStatus.FAILED)),
                slice(in, "history.status.expired", EXPIRED, progress.count(DeliveryStatus.EXPIRED)),
                slice(in, "history.status.cancelled", CANCELLED, progress.count(DeliveryStatus.CANCELLED)),
                slice(in, "history.chart.waiting", WAITING, progress.count(DeliveryStatus.PENDING)
                        + progress.count(DeliveryStatus.IN_FLIGHT)));
        String title = in.getTranslation("history.chart.outcome");
        String alt = title + ": " + String.join(", ", slices.stream().map(s -> s.name() + " " + s.value()).toList());
        return image(SvgChart.outcomeBar(title, slices, in.getTranslation("history.chart.empty")), alt,
                "outcome.svg");
    }

    private static Slice slice(Component in, String key, String color, long value) {
        return new Slice(in.getTranslation(key), color, value);
    }
}
