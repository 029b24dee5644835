package dev.pushdeck.shared.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * Learns each UI's {@link ViewerZone} from the browser, once per UI. A UI starts with the zone
 * an earlier page of the same session reported (UTC for the first); when the browser's
 * answer differs, the view on screen is built again so no time stays in the wrong zone.
 */
@Component
class ViewerZones implements VaadinServiceInitListener {

    /** The zone the browser reported last, for the next UI of the session. */
    static final String SESSION_ZONE = ViewerZones.class.getName() + ".zone";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> learn(init.getUI()));
    }

    static void learn(UI ui) {
        ZoneId remembered = (ZoneId) ui.getSession().getAttribute(SESSION_ZONE);
        if (remembered != null) {
            ComponentUtil.setData(ui, ViewerZone.ASSUMED, remembered);
        }
        ui.getPage().retrieveExtendedClientDetails(details -> arrived(ui, details));
    }

    /** Flow has stored {@code details} in the UI already; views built before used the assumed zone. */
    static void arrived(UI ui, ExtendedClientDetails details) {
        ZoneId assumed = ViewerZone.assumed(ui);
        ZoneId reported = ViewerZone.parse(details.getTimeZoneId());
        ui.getSession().setAttribute(SESSION_ZONE, reported);
        ComponentUtil.setData(ui, ViewerZone.ASSUMED, reported);
        if (!reported.equals(assumed) && !ui.getInternals().getActiveRouterTargetsChain().isEmpty()) {
            ui.refreshCurrentRoute(false);
        }
    }
}
