package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.i18n.StoredReasons;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.RowMenu;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The team's campaigns, newest first, in a lazy grid with filters; EDITORs also start,
 * duplicate, edit, cancel and delete them from each row's menu, and open the templates
 * dialog to start from or delete a template.
 */
@Route("campaigns")
@Menu(order = 20, icon = "vaadin:paperplane", title = "nav.campaigns")
@RolesAllowed(Roles.VIEWER)
class CampaignsView extends VerticalLayout implements HasDynamicTitle {

    private final transient CampaignService campaigns;
    private final transient TemplateService templates;
    private final transient DirectSendService directSends;
    private final transient DeviceService devices;
    private final Map<UUID, PushApp> appsById;
    private final boolean editor;
    final Grid<Campaign> grid = new Grid<>();
    final Select<CampaignStatus> status = new Select<>();
    final Select<PushApp> app = new Select<>();
    final Select<CampaignKind> kind = new Select<>();
    final TextField text = new TextField();
    final Div empty = new Div();

    CampaignsView(CampaignService campaigns, TemplateService templates, AppService apps, CurrentActor actor,
                  DirectSendService directSends, DeviceService devices) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.directSends = directSends;
        this.devices = devices;
        List<PushApp> teamApps = apps.all();
        this.appsById = teamApps.stream().collect(Collectors.toMap(PushApp::id, Function.identity()));
        this.editor = Objects.requireNonNull(actor.require().role(), "a member has a role").includes(Role.EDITOR);
        Button create = new Button(getTranslation("campaigns.new"), e -> UI.getCurrent().navigate("campaigns/compose"));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button templateList = new Button(getTranslation("campaigns.templates"),
                e -> new TemplatesDialog(templates).open());
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("nav.campaigns")), create, templateList);
        header.setAlignItems(Alignment.BASELINE);
        header.addClassName("view-header");
        create.setVisible(editor);
        templateList.setVisible(editor);
        add(header);
        add(filters(teamApps), grid, empty);
        configureGrid();
        setSizeFull();
        setFlexGrow(1, grid);
        grid.setMinHeight("20rem");
        empty.addClassName("empty-state");
        refresh();
    }

    private Component filters(List<PushApp> teamApps) {
        status.setLabel(getTranslation("campaigns.status"));
        status.setItems(CampaignStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("campaigns.any"));
        status.setItemLabelGenerator(s -> s == null ? getTranslation("campaigns.any") : statusLabel(s));
        app.setLabel(getTranslation("campaigns.app"));
        app.setItems(teamApps);
        app.setEmptySelectionAllowed(true);
        app.setEmptySelectionCaption(getTranslation("campaigns.any"));
        app.setItemLabelGenerator(a -> a == null ? getTranslation("campaigns.any") : a.name());
        kind.setLabel(getTranslation("campaigns.kind"));
        kind.setItems(CampaignKind.values());
        kind.setEmptySelectionAllowed(true);
        kind.setEmptySelectionCaption(getTranslation("campaigns.any"));
        kind.setItemLabelGenerator(k -> k == null ? getTranslation("campaigns.any") : kindLabel(k));
        kind.addValueChangeListener(e -> refresh());
        text.setLabel(getTranslation("campaigns.search"));
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setClearButtonVisible(true);
        status.addValueChangeListener(e -> refresh());
        app.addValueChangeListener(e -> refresh());
        text.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(status, app, kind, text);
        bar.addClassName("filter-bar");
        return bar;
    }

    /**
     * The name takes what room is left and wraps rather than cut; the columns beside it are as
     * wide as their longest value needs, and the actions sit behind one menu button per row.
     */
    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(this::nameWithKind).setHeader(getTranslation("campaigns.name")).setKey("name")
                .setWidth("12em").setFlexGrow(3).setTooltipGenerator(Campaign::name);
        grid.addColumn(this::appAndEnvironment).setHeader(getTranslation("campaigns.app")).setWidth("9em")
                .setFlexGrow(1);
        grid.addColumn(this::statusText).setHeader(getTranslation("campaigns.status")).setKey("status")
                .setWidth("8em").setFlexGrow(1).setTooltipGenerator(this::statusText);
        grid.addColumn(this::audienceText).setHeader(getTranslation("campaigns.audience")).setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(this::when).setHeader(getTranslation("campaigns.when")).setWidth("10em").setFlexGrow(1);
        grid.addColumn(Campaign::createdBy).setHeader(getTranslation("campaigns.creator")).setWidth("9em")
                .setFlexGrow(1);
        grid.addComponentColumn(this::actions).setKey("actions").setWidth("4em").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.CENTER);
        grid.setPageSize(50);
    }

    /** The name, and a badge for test and API sends; ordinary campaigns need none. */
    private Component nameWithKind(Campaign campaign) {
        Span name = new Span(campaign.name());
        if (campaign.kind() == CampaignKind.CAMPAIGN) {
            return name;
        }
        Span badge = new Span(kindLabel(campaign.kind()));
        badge.getElement().getThemeList().add("badge contrast small");
        Span both = new Span(name, new Text(" "), badge);
        both.addClassName("name-with-kind");
        return both;
    }

    private String appAndEnvironment(Campaign campaign) {
        PushApp owner = appsById.get(campaign.appId());
        String environment = getTranslation("env." + campaign.draft().environment().wire());
        return owner == null ? environment : owner.name() + " · " + environment;
    }

    /** The latest thing that happened to the campaign, or will: finished, started, scheduled or created. */
    private String when(Campaign campaign) {
        if (campaign.completedAt() != null) {
            return getTranslation("campaigns.when.completed", Times.format(campaign.completedAt(), this));
        }
        if (campaign.launchedAt() != null) {
            return getTranslation("campaigns.when.launched", Times.format(campaign.launchedAt(), this));
        }
        if (campaign.scheduledAt() != null && campaign.status() == CampaignStatus.SCHEDULED) {
            return getTranslation("campaigns.when.scheduled", Times.format(campaign.scheduledAt(), this));
        }
        return getTranslation("campaigns.when.created", Times.format(campaign.createdAt(), this));
    }

    private String kindLabel(CampaignKind k) {
        return getTranslation("campaigns.kind." + k.name().toLowerCase());
    }

    private Component actions(Campaign campaign) {
        RowMenu menu = new RowMenu();
        // The report lives in the history module; opened by route so campaign does not depend on it.
        if (campaign.launchedAt() != null) {
            menu.add(getTranslation("campaigns.report"),
                    () -> UI.getCurrent().navigate(TestSendDialog.reportRoute(campaign.id())));
        }
        if (editor) {
            editorActions(campaign, menu);
        }
        return menu.isEmpty() ? new Span() : menu.component();
    }

    private void editorActions(Campaign campaign, RowMenu menu) {
        boolean editable = campaign.status().editable();
        menu.add(getTranslation(editable ? "campaigns.edit" : "campaigns.open"),
                () -> UI.getCurrent().navigate("campaigns/compose/" + campaign.id()));
        menu.add(getTranslation("campaigns.duplicate"), () -> {
            Campaign copy = campaigns.duplicate(campaign.id());
            UI.getCurrent().navigate("campaigns/compose/" + copy.id());
        });
        menu.add(getTranslation("campaigns.test"), () -> openTestSend(campaign));
        CampaignStatus state = campaign.status();
        if (state == CampaignStatus.DRAFT || state == CampaignStatus.SCHEDULED) {
            menu.add(getTranslation("campaigns.send"),
                    () -> confirm("campaigns.send", campaign, () -> campaigns.sendNow(campaign.id())));
        }
        if (state == CampaignStatus.SENDING) {
            menu.add(getTranslation("campaigns.pause"), () -> run(() -> campaigns.pause(campaign.id())));
        }
        if (state == CampaignStatus.PAUSED) {
            menu.add(getTranslation("campaigns.resume"), () -> run(() -> campaigns.resume(campaign.id())));
        }
        if (state == CampaignStatus.SCHEDULED || state == CampaignStatus.SENDING || state == CampaignStatus.PAUSED) {
            menu.addDestructive(getTranslation("campaigns.cancel"),
                    () -> confirm("campaigns.cancel", campaign, () -> campaigns.cancel(campaign.id())));
        }
        if (state == CampaignStatus.DRAFT) {
            menu.addDestructive(getTranslation("campaigns.delete"),
                    () -> confirm("campaigns.delete", campaign, () -> campaigns.delete(campaign.id())));
        }
    }

    private void openTestSend(Campaign campaign) {
        PushApp campaignApp = appsById.get(campaign.appId());
        if (campaignApp != null) {
            new TestSendDialog(devices, campaignApp, campaign.draft().environment(), campaign.draft().abTest(), 0,
                    (deviceId, version) -> directSends.sendTest(campaign.id(), deviceId, version), sent -> refresh())
                    .open();
        }
    }

    /** Asks first: sending, cancelling and deleting cannot be taken back. */
    private void confirm(String key, Campaign campaign, Runnable action) {
        AbTest test = campaign.draft().abTest();
        boolean sending = "campaigns.send".equals(key);
        String text = sending && campaign.draft().audience().broadcast()
                ? getTranslation("campaigns.send.broadcast.text")
                : sending && test != null ? getTranslation("campaigns.send.ab-test.text", campaign.audienceCount(),
                test.testPercent(), AbTest.letter(test.versionCount() - 1), test.waitMinutes())
                : getTranslation(key + ".text", campaign.audienceCount());
        Confirm.destructive(getTranslation(key + ".header", campaign.name()), text, getTranslation(key),
                () -> run(action));
    }

    /** Devices matched when saved; a broadcast reaches a channel's subscribers, whom Apple counts for no one. */
    private String audienceText(Campaign campaign) {
        return campaign.draft().audience().broadcast() ? getTranslation("composer.audience.channel")
                : String.valueOf(campaign.audienceCount());
    }

    private void run(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (RuntimeException failure) {
            Feedback.error(failure);
        }
    }

    private CampaignFilter filter() {
        return new CampaignFilter(status.getValue(), app.getValue() == null ? null : app.getValue().id(),
                text.getValue().isBlank() ? null : text.getValue(), kind.getValue());
    }

    private void refresh() {
        CampaignFilter filter = filter();
        long total = campaigns.count(filter);
        grid.setItems(query -> campaigns.list(filter, query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, campaigns.count(filter)));
        grid.setVisible(total > 0);
        empty.setVisible(total == 0);
        empty.setText(getTranslation(filter.equals(CampaignFilter.ALL) ? "campaigns.empty" : "campaigns.empty.filtered"));
    }

    /** The status, and why it failed or paused in the reader's language when a reason is stored. */
    private String statusText(Campaign campaign) {
        String stored = campaign.statusReason();
        String reason = stored == null ? null : StoredReasons.read(getLocale(), stored);
        return statusLabel(campaign.status()) + (reason == null ? "" : " · " + reason);
    }

    private String statusLabel(CampaignStatus s) {
        return getTranslation("campaigns.status." + s.name().toLowerCase());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.campaigns") + " · " + getTranslation("app.name");
    }
}
