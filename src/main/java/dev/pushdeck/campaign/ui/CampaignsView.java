package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
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
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignFilter;
import dev.pushdeck.campaign.CampaignKind;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.CampaignStatus;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.StoredReasons;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The team's campaigns, newest first, in a lazy grid with filters; EDITORs also start,
 * duplicate, edit, cancel and delete them, and start from or delete templates.
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
    final Select<Template> template = new Select<>();
    final Div empty = new Div();

    CampaignsView(CampaignService campaigns, TemplateService templates, AppService apps, CurrentActor actor,
                  DirectSendService directSends, DeviceService devices) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.directSends = directSends;
        this.devices = devices;
        List<PushApp> teamApps = apps.list(0, 500);
        this.appsById = teamApps.stream().collect(Collectors.toMap(PushApp::id, Function.identity()));
        this.editor = actor.require().role().includes(Role.EDITOR);
        Button create = new Button(getTranslation("campaigns.new"), e -> UI.getCurrent().navigate("campaigns/compose"));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(editor);
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("nav.campaigns")), create);
        header.setAlignItems(Alignment.BASELINE);
        add(header);
        if (editor) {
            add(templateBar());
        }
        add(filters(teamApps), grid, empty);
        configureGrid();
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
        return new HorizontalLayout(status, app, kind, text);
    }

    private Component templateBar() {
        template.setLabel(getTranslation("campaigns.template"));
        template.setItems(templates.list());
        template.setItemLabelGenerator(Template::name);
        Button start = new Button(getTranslation("campaigns.template.start"), e -> {
            if (template.getValue() != null) {
                UI.getCurrent().navigate("campaigns/compose",
                        QueryParameters.of("template", template.getValue().id().toString()));
            }
        });
        Button delete = new Button(getTranslation("action.delete"), e -> {
            Template chosen = template.getValue();
            if (chosen != null) {
                Confirm.destructive(getTranslation("campaigns.template.delete.header", chosen.name()),
                        getTranslation("campaigns.template.delete.text"), getTranslation("action.delete"), () -> {
                            templates.delete(chosen.id());
                            template.setItems(templates.list());
                        });
            }
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(template, start, delete);
        bar.setAlignItems(Alignment.BASELINE);
        return bar;
    }

    private void configureGrid() {
        grid.addColumn(Campaign::name).setHeader(getTranslation("campaigns.name")).setFlexGrow(2);
        grid.addComponentColumn(this::kindBadge).setHeader(getTranslation("campaigns.kind")).setAutoWidth(true);
        grid.addColumn(c -> appsById.containsKey(c.appId()) ? appsById.get(c.appId()).name() : "")
                .setHeader(getTranslation("campaigns.app"));
        grid.addColumn(c -> c.draft().environment().wire()).setHeader(getTranslation("composer.environment"));
        grid.addColumn(this::statusText).setHeader(getTranslation("campaigns.status")).setKey("status")
                .setTooltipGenerator(this::statusText);
        grid.addColumn(Campaign::audienceCount).setHeader(getTranslation("campaigns.audience"));
        column("campaigns.scheduled", Campaign::scheduledAt);
        column("campaigns.launched", Campaign::launchedAt);
        column("campaigns.completed", Campaign::completedAt);
        grid.addColumn(Campaign::createdBy).setHeader(getTranslation("campaigns.creator"));
        grid.addComponentColumn(this::actions).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        grid.setPageSize(50);
    }

    private void column(String key, Function<Campaign, java.time.Instant> instant) {
        grid.addColumn(c -> Times.format(instant.apply(c), this)).setHeader(getTranslation(key));
    }

    /** Test and API sends carry a badge; ordinary campaigns need none. */
    private Component kindBadge(Campaign campaign) {
        Span badge = new Span();
        if (campaign.kind() != CampaignKind.CAMPAIGN) {
            badge.setText(kindLabel(campaign.kind()));
            badge.getElement().getThemeList().add("badge contrast small");
        }
        return badge;
    }

    private String kindLabel(CampaignKind k) {
        return getTranslation("campaigns.kind." + k.name().toLowerCase());
    }

    private Component actions(Campaign campaign) {
        HorizontalLayout actions = new HorizontalLayout();
        // The report lives in the history module; linked by route so campaign does not depend on it.
        if (campaign.launchedAt() != null) {
            Anchor report = new Anchor(TestSendDialog.reportRoute(campaign.id()), getTranslation("campaigns.report"));
            report.addClassName("campaign-report-link");
            actions.add(report);
        }
        if (!editor) {
            return actions;
        }
        boolean editable = campaign.status().editable();
        Button open = new Button(getTranslation(editable ? "campaigns.edit" : "campaigns.open"),
                e -> UI.getCurrent().navigate("campaigns/compose/" + campaign.id()));
        Button duplicate = new Button(getTranslation("campaigns.duplicate"), e -> {
            Campaign copy = campaigns.duplicate(campaign.id());
            UI.getCurrent().navigate("campaigns/compose/" + copy.id());
        });
        actions.add(open, duplicate, new Button(getTranslation("campaigns.test"), e -> openTestSend(campaign)));
        CampaignStatus state = campaign.status();
        if (state == CampaignStatus.DRAFT || state == CampaignStatus.SCHEDULED) {
            actions.add(confirmed("campaigns.send", campaign, () -> campaigns.sendNow(campaign.id()), false));
        }
        if (state == CampaignStatus.SENDING) {
            actions.add(immediate("campaigns.pause", () -> campaigns.pause(campaign.id())));
        }
        if (state == CampaignStatus.PAUSED) {
            actions.add(immediate("campaigns.resume", () -> campaigns.resume(campaign.id())));
        }
        if (state == CampaignStatus.SCHEDULED || state == CampaignStatus.SENDING || state == CampaignStatus.PAUSED) {
            actions.add(destructive("campaigns.cancel", campaign, () -> campaigns.cancel(campaign.id())));
        }
        if (campaign.status() == CampaignStatus.DRAFT) {
            actions.add(destructive("campaigns.delete", campaign, () -> campaigns.delete(campaign.id())));
        }
        actions.getChildren().filter(Button.class::isInstance).map(Button.class::cast)
                .forEach(button -> button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY));
        return actions;
    }

    private void openTestSend(Campaign campaign) {
        PushApp campaignApp = appsById.get(campaign.appId());
        if (campaignApp != null) {
            new TestSendDialog(devices, campaignApp, campaign.draft().environment(),
                    deviceId -> directSends.sendTest(campaign.id(), deviceId), sent -> refresh()).open();
        }
    }

    private Button destructive(String key, Campaign campaign, Runnable action) {
        return confirmed(key, campaign, action, true);
    }

    /** A button that asks first; sending is confirmed too, since it cannot be taken back. */
    private Button confirmed(String key, Campaign campaign, Runnable action, boolean destructive) {
        Button button = new Button(getTranslation(key), e -> Confirm.destructive(
                getTranslation(key + ".header", campaign.name()),
                getTranslation(key + ".text", campaign.audienceCount()), getTranslation(key), () -> run(action)));
        if (destructive) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return button;
    }

    private Button immediate(String key, Runnable action) {
        return new Button(getTranslation(key), e -> run(action));
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
        String reason = StoredReasons.read(getLocale(), campaign.statusReason());
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
