package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.page.Page;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;

/**
 * Tells a view whether the browser window is phone-narrow, once it is attached and again
 * whenever the window crosses that width, so that grids can drop the columns a phone has no
 * room for. CSS alone cannot hide a grid column, hence the round trip.
 */
public final class PhoneWidth {

    /** Windows narrower than this, in CSS pixels, get the phone layout. */
    public static final int BELOW = 600;

    private PhoneWidth() {
    }

    /** Calls {@code narrow} with true on a phone-wide window, false otherwise, while {@code view} is attached. */
    public static void follow(Component view, Consumer<Boolean> narrow) {
        view.addAttachListener(attach -> {
            Page page = attach.getUI().getPage();
            Boolean[] last = new Boolean[1];
            Consumer<Integer> width = pixels -> {
                boolean phone = pixels < BELOW;
                if (last[0] == null || last[0] != phone) {
                    last[0] = phone;
                    narrow.accept(phone);
                }
            };
            page.retrieveExtendedClientDetails(details -> width.accept(details.getWindowInnerWidth()));
            registerRemoval(view, page.addBrowserWindowResizeListener(resized -> width.accept(resized.getWidth())));
        });
    }

    private static void registerRemoval(Component view, Registration resize) {
        Registration[] self = new Registration[1];
        self[0] = view.addDetachListener(detach -> {
            resize.remove();
            self[0].remove();
        });
    }
}
