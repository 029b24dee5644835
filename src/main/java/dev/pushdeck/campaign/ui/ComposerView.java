package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignCheck;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.ListedChannel;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The campaign composer: the {@link CampaignForm} on the left, live previews on the right (the
 * exact JSON, its size against the limit, a lock-screen mock). Every keystroke runs the same
 * validation the API uses. Text people typed is only ever shown as text.
 * {@code campaigns/compose} starts a new campaign ({@code ?template=} from a template),
 * {@code campaigns/compose/<id>} edits one (read-only once it is sending or finished, when its
 * versions and languages can still be read tab by tab).
 */
@Route("campaigns/compose/:campaignId?")
@RolesAllowed(Roles.EDITOR)
class ComposerView extends HorizontalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final transient CampaignService campaigns;
    private final transient TemplateService templates;
    private final transient DirectSendService directSends;
    private final transient DeviceService devices;

    final Select<PushApp> app = new Select<>();
    final ComposerPreview preview = new ComposerPreview();
    final CampaignForm form;
    final Button save = new Button();
    final Button saveTemplate = new Button();
    final Button sendTest = new Button();
    private final H2 heading = new H2();
    /** The stored campaign being edited; none while composing a new one. */
    private @Nullable Campaign editing;

    ComposerView(CampaignService campaigns, TemplateService templates, AppService apps,
                 DirectSendService directSends, DeviceService devices) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.directSends = directSends;
        this.devices = devices;
        addClassName("composer");
        setWidthFull();
        List<PushApp> teamApps = apps.all();
        app.setLabel(getTranslation("composer.app"));
        app.setItems(teamApps);
        app.setItemLabelGenerator(PushApp::name);
        teamApps.stream().findFirst().ifPresent(app::setValue);
        form = new CampaignForm(campaigns, devices, app, preview);
        heading.setText(getTranslation("composer.title.new"));
        form.addComponentAsFirst(heading);
        form.add(buttons());
        // A Live Activity is not kept as a template: its wording is its content state.
        form.onModesShown(() -> saveTemplate.setVisible(form.delivery.pushType.getValue() != PushType.LIVEACTIVITY));
        add(form, preview);
    }

    /** Save, template, test and cancel; they wrap onto a second line on a phone. */
    private HorizontalLayout buttons() {
        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> confirmAndSave());
        saveTemplate.setText(getTranslation("composer.template.save"));
        saveTemplate.addClickListener(e -> askTemplateName());
        sendTest.setText(getTranslation("campaigns.test"));
        sendTest.addClickListener(e -> openTestSend());
        HorizontalLayout buttons = new HorizontalLayout(save, saveTemplate, sendTest,
                new Button(getTranslation("action.cancel"), e -> UI.getCurrent().navigate("campaigns")));
        buttons.setWrap(true);
        return buttons;
    }

    // ---- loading ------------------------------------------------------------------------

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<String> id = event.getRouteParameters().get("campaignId");
        Optional<String> template = event.getLocation().getQueryParameters().getSingleParameter("template");
        try {
            id.ifPresent(campaignId -> load(campaigns.get(uuid(campaignId))));
            template.ifPresent(templateId -> {
                Template chosen = templates.get(uuid(templateId));
                form.readContent(chosen.notification(), chosen.rawPayload());
            });
        } catch (NotFoundException e) {
            // Another team's id reads exactly like one that does not exist.
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        form.opened();
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }

    private void load(Campaign campaign) {
        editing = campaign;
        boolean editable = campaign.status().editable();
        heading.setText(getTranslation(editable ? "composer.title.edit" : "composer.title.read-only",
                campaign.name()));
        app.setReadOnly(true);
        form.read(app.getListDataView().getItems().filter(a -> a.id().equals(campaign.appId())).findFirst()
                .orElse(null), campaign.draft());
        save.setEnabled(editable);
        if (!editable) {
            form.readOnly();
        }
    }

    // ---- saving -------------------------------------------------------------------------

    private void confirmAndSave() {
        form.showAllProblems();
        if (!form.ready()) {
            Feedback.error(getTranslation("composer.fix-problems"));
            return;
        }
        CampaignCheck check = Objects.requireNonNull(form.lastCheck(), "the form is ready only once a check passed");
        ResolvedSchedule schedule = check.schedule();
        if (schedule == null) {
            persist(check);
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(getTranslation("composer.schedule.confirm"));
        Div text = new Div();
        ScheduleText.lines(this, schedule).forEach(line -> text.add(new Div(line)));
        confirm.setText(text);
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("composer.schedule.confirm.button"));
        confirm.addConfirmListener(e -> persist(check));
        confirm.open();
    }

    private void persist(CampaignCheck check) {
        Campaign stored = editing;
        try {
            CampaignDraft draft = form.write();
            Campaign saved = stored == null ? campaigns.create(app.getValue().id(), draft)
                    : campaigns.update(stored.id(), draft);
            Feedback.success(getTranslation("composer.saved", saved.name()));
            UI.getCurrent().navigate("campaigns");
        } catch (ValidationException e) {
            form.showRefused(check, e.errors());
            Feedback.error(e);
        } catch (RuntimeException e) {
            Feedback.error(e);
        }
    }

    /** Sends what the composer shows now (saved or not) to test devices; nothing here is saved. */
    private void openTestSend() {
        PushApp chosen = app.getValue();
        if (chosen == null || form.environment.getValue() == null) {
            Feedback.error(getTranslation("composer.test.choose-app"));
            return;
        }
        // A test send is of one version, in every language it has; the one shown is offered first.
        CampaignDraft content = form.write();
        new TestSendDialog(devices, chosen, content.environment(), content.abTest(), form.abTest.shown(),
                (deviceId, version) -> directSends.sendTest(chosen.id(), content, deviceId, version), sent -> { })
                .open();
    }

    private void askTemplateName() {
        String rawPayload = form.rawPayload();
        // A template holds one wording: with a test on, the shown version's, which the dialog names.
        String version = rawPayload == null && form.abTest.enabled.getValue() ? AbTest.letter(form.abTest.shown())
                : null;
        new SaveTemplateDialog(templates, form.name.getValue(), form.notification(), rawPayload, version).open();
    }

    @Override
    public String getPageTitle() {
        return heading.getText() + " · " + getTranslation("app.name");
    }
}
