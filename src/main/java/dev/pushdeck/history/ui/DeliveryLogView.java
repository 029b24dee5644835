package dev.pushdeck.history.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.history.DeliveryExports;
import dev.pushdeck.history.DeliveryHistory;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Every delivery of one app across its campaigns, newest first, with filters and a CSV
 * download. The app is chosen in the view or given as {@code ?app=<id>}. Each page of rows is
 * read as whoever reads it now ({@link DeliveryHistory}).
 */
@Route("deliveries")
@Menu(order = 25, icon = "vaadin:list", title = "nav.deliveries")
@RolesAllowed(Roles.VIEWER)
class DeliveryLogView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String APP_PARAMETER = "app";

    private final transient AppService apps;
    private final transient CampaignService campaigns;
    private final transient DeliveryHistory history;
    private final transient DeliveryExports exports;
    final Select<PushApp> app = new Select<>();
    @Nullable DeliveryGrid deliveries;

    DeliveryLogView(AppService apps, CampaignService campaigns, DeliveryHistory history, DeliveryExports exports) {
        this.apps = apps;
        this.campaigns = campaigns;
        this.history = history;
        this.exports = exports;
        app.setLabel(getTranslation("history.log.app"));
        app.setItemLabelGenerator(PushApp::name);
        app.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                UI.getCurrent().navigate("deliveries",
                        QueryParameters.of(APP_PARAMETER, event.getValue().id().toString()));
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        deliveries = null;
        add(new H2(getTranslation("history.log.title")));
        List<PushApp> teamApps = apps.all();
        if (teamApps.isEmpty()) {
            add(HistoryText.emptyState(this, "history.log.no-apps"));
            return;
        }
        try {
            PushApp chosen = event.getLocation().getQueryParameters().getSingleParameter(APP_PARAMETER)
                    .map(id -> apps.get(UUID.fromString(id))).orElse(teamApps.get(0));
            app.setItems(teamApps);
            app.setValue(teamApps.stream().filter(a -> a.id().equals(chosen.id())).findFirst().orElse(chosen));
            add(app, deliveriesOf(chosen));
        } catch (IllegalArgumentException | NotFoundException e) {
            add(HistoryText.emptyState(this, "history.log.not-found"));
        }
    }

    private DeliveryGrid deliveriesOf(PushApp chosen) {
        UUID appId = chosen.id();
        DeliveryGrid grid = new DeliveryGrid((filter, cursor, limit) -> history.ofApp(appId, filter, cursor, limit),
                Long.MAX_VALUE, "history.empty.app").withFilters(DeliveryStatus.finals())
                .withLeadingColumn("history.column.campaign", new CampaignLinks(campaigns)::link)
                .withExport("deliveries-" + chosen.bundleId() + ".csv",
                        (filter, out) -> exports.ofApp(appId, filter).writeTo(out))
                .onAccessLost(this::showAccessLost);
        deliveries = grid;
        return grid;
    }

    /** The reader may no longer see this team's log (removed, or switched team in another tab). */
    void showAccessLost() {
        removeAll();
        deliveries = null;
        add(new H2(getTranslation("history.log.title")), HistoryText.accessLost(this));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("history.log.title") + " · " + getTranslation("app.name");
    }
}
