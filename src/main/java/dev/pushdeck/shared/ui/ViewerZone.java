package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * The time zone of the person looking at the UI: the IANA zone their browser reports
 * (Vaadin's extended client details), or UTC when the browser names none we know.
 *
 * <p>Vaadin 24.9 asks the browser with a round trip of its own; {@link ViewerZones} asks as
 * each UI starts (the answer normally comes before the first view is built), remembers it in
 * the session, and shows the view again should the answer come after it was built in another
 * zone. See docs/decisions/019-times-in-the-viewers-zone.md.
 *
 * <p>Call from the UI thread (with the session locked), like any component code.
 */
public final class ViewerZone {

    /** What is shown until, or unless, the browser names a zone we know. */
    static final ZoneId FALLBACK = ZoneId.of("UTC");

    /**
     * The region ids the JDK knows, copied once: {@link ZoneId#getAvailableZoneIds()} builds a
     * new set on every call, and {@link #of(Component)} runs for every time a grid shows.
     */
    private static final Set<String> KNOWN = Set.copyOf(ZoneId.getAvailableZoneIds());

    /** The zone this UI used before the browser answered (taken over from the session). */
    static final String ASSUMED = ViewerZone.class.getName() + ".assumed";

    private ViewerZone() {
    }

    /** The zone of whoever sees {@code reader}: its UI's, or the current UI's while it is not attached. */
    public static ZoneId of(Component reader) {
        return uiOf(reader).map(ViewerZone::of).orElse(FALLBACK);
    }

    /** The UI that shows {@code reader}, or the current UI while it is being built. */
    static Optional<UI> uiOf(Component reader) {
        return reader.getUI().or(() -> Optional.ofNullable(UI.getCurrent()));
    }

    static ZoneId of(UI ui) {
        ExtendedClientDetails details = ui.getInternals().getExtendedClientDetails();
        if (details != null) {
            return parse(details.getTimeZoneId());
        }
        return assumed(ui);
    }

    /** The zone the UI's views were built in while the browser had not answered. */
    static ZoneId assumed(UI ui) {
        ZoneId assumed = (ZoneId) ComponentUtil.getData(ui, ASSUMED);
        return assumed == null ? FALLBACK : assumed;
    }

    /** A zone id the JDK knows as a region or UTC; anything else (missing, offsets, typos) reads as UTC. */
    static ZoneId parse(String id) {
        return id != null && KNOWN.contains(id) ? ZoneId.of(id) : FALLBACK;
    }
}
