package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.html.Image;
import java.nio.charset.StandardCharsets;

/** Shows a server-drawn SVG document as an image (no chart component, no JavaScript). */
public final class SvgImage {

    private SvgImage() {
    }

    /**
     * @param alt      what the image shows, in words, for screen readers and when it cannot load
     * @param fileName the name the browser sees, e.g. "outcome.svg"
     */
    public static Image of(String svg, String alt, String fileName) {
        byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);
        Image image = new Image(event -> {
            event.setFileName(fileName);
            event.setContentType("image/svg+xml");
            event.getOutputStream().write(bytes);
        }, alt);
        image.addClassName("chart");
        return image;
    }
}
