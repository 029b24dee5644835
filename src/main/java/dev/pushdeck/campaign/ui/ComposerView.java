package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Focusable;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.FrequencyCap;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.AudienceSpec;
import dev.pushdeck.campaign.Campaign;
import dev.pushdeck.campaign.CampaignCheck;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.DirectSendService;
import dev.pushdeck.campaign.Expiration;
import dev.pushdeck.campaign.ListedChannel;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.campaign.ResolvedSchedule;
import dev.pushdeck.campaign.Schedule;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.campaign.internal.CampaignRules;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.ViewerZone;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The campaign composer: the form on the left, live previews on the right (the exact
 * JSON, its size against the limit, a lock-screen mock). Every keystroke runs the same
 * validation the API uses. Text people typed is only ever shown as text.
 * {@code campaigns/compose} starts a new campaign ({@code ?template=} from a template),
 * {@code campaigns/compose/<id>} edits one (read-only once it is sending or finished).
 */
@Route("campaigns/compose/:campaignId?")
@RolesAllowed(Roles.EDITOR)
class ComposerView extends HorizontalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final String SOUND_CUSTOM = "custom";
    /** Units offered for "keep trying for"; a stored duration in other units shows in seconds. */
    private static final List<ChronoUnit> EXPIRATION_UNITS = List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES);

    /** When the campaign goes: not yet (a draft), at a time in one zone, or at a wall-clock time on each device. */
    enum ScheduleMode {
        DRAFT, ZONE, DEVICE;

        String key() {
            return "composer.schedule." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** How long APNs keeps trying a device that is away: for a while after the send, until a time, or once. */
    enum ExpirationMode {
        AFTER, AT, NONE;

        String key() {
            return "composer.expiration." + name().toLowerCase(Locale.ROOT);
        }
    }

    private final transient CampaignService campaigns;
    private final transient TemplateService templates;
    private final transient AppService apps;
    private final transient DirectSendService directSends;
    private final transient DeviceService devices;

    final TextField name = field("composer.name");
    final Select<PushApp> app = new Select<>();
    final Select<ApnsEnvironment> environment = new Select<>();
    final Checkbox expert = new Checkbox();
    final TextArea raw = new TextArea();
    final TextField title = field("composer.title");
    final TextField subtitle = field("composer.subtitle");
    final TextArea body = new TextArea();
    final Select<String> sound = new Select<>();
    final TextField soundName = field("composer.sound.name");
    final IntegerField badge = new IntegerField();
    final TextField category = field("composer.category");
    final TextField threadId = field("composer.thread-id");
    final Checkbox mutableContent = new Checkbox();
    final Checkbox contentAvailable = new Checkbox();
    /** Whether the payload carries the key apps report opens and receipts with (decision 045). */
    final Checkbox trackOpens = new Checkbox();
    final Select<String> interruption = new Select<>();
    final NumberField relevance = new NumberField();
    final TextArea data = new TextArea();
    final Select<PushType> pushType = new Select<>();
    final Select<Integer> priority = new Select<>();
    final Select<ExpirationMode> expiration = new Select<>();
    final IntegerField expiresAfter = new IntegerField();
    final Select<ChronoUnit> expiresAfterUnit = new Select<>();
    final DateTimePicker expiresAt = new DateTimePicker();
    final TextField collapseId = field("composer.collapse-id");
    final Select<AudienceSpec.Type> audienceType = new Select<>();
    final TextField tags = field("composer.audience.tags");
    final Select<AudienceSpec.Match> match = new Select<>();
    final TextArea tokens = new TextArea();
    final TextArea aliases = new TextArea();
    final TextArea activityIds = new TextArea();
    /** A broadcast channel of the app and environment (docs/decisions/044-broadcast-campaigns.md). */
    final Select<ListedChannel> channel = new Select<>();
    /** Shown instead of the channel picker when the app has no channel in the environment. */
    final Div noChannels = new Div();
    final LiveActivityFields liveActivity = new LiveActivityFields(this::currentZone);
    /** Attribute filters ANDed with the audience (docs/decisions/051-device-attributes.md). */
    final AudienceFilterRows filters = new AudienceFilterRows(this::currentZone);
    final Span audienceCount = new Span();
    /** Says that the app's frequency cap holds this campaign back, when it does. */
    final Span capNote = new Span();
    final Select<ScheduleMode> scheduleMode = new Select<>();
    final DateTimePicker scheduleAt = new DateTimePicker();
    final ComboBox<String> zone = new ComboBox<>();
    final Div scheduleResolved = new Div();
    final IntegerField throttle = new IntegerField();
    /** Quiet hours in each device's local time (docs/decisions/049-quiet-hours.md). */
    final QuietHoursFields quietHours = new QuietHoursFields();
    /** The alert's wording per language (docs/decisions/055-content-per-language.md). */
    final ContentVariantTabs variants = new ContentVariantTabs();
    /**
     * Versions of the wording tested on a share of the audience (docs/decisions/058-ab-tests.md). The
     * wording fields above always hold the selected version's text; the section keeps the others'.
     */
    final AbTestSection abTest = new AbTestSection(this::shownWording, this::showWording);

    final ComposerPreview preview = new ComposerPreview();
    final Div errors = new Div();
    final Button save = new Button();
    final Button saveTemplate = new Button();
    final Button sendTest = new Button();

    private final Map<String, HasValidationProperties> fieldsByPath = new HashMap<>();
    /** Fields the person changed or left: only their problems are shown, until Save asks for all. */
    private final Set<HasValidationProperties> touched = new HashSet<>();
    private final VerticalLayout form = new VerticalLayout();
    private final H2 heading = new H2();
    /** The stored campaign being edited; none while composing a new one. */
    private @Nullable Campaign editing;
    /** The newest check of the form, kept so a refused save can show its preview with the new problems. */
    private @Nullable CampaignCheck lastCheck;
    private boolean ready;
    private boolean showAllProblems;
    private boolean loading;

    ComposerView(CampaignService campaigns, TemplateService templates, AppService apps,
                 DirectSendService directSends, DeviceService devices) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.apps = apps;
        this.directSends = directSends;
        this.devices = devices;
        addClassName("composer");
        setWidthFull();
        configureFields();
        form.addClassName("composer-form");
        heading.setText(getTranslation("composer.title.new"));
        form.add(heading, section("composer.section.campaign", name, app,
                        environment), section("composer.section.content", expert, raw, abTest, variants, title, subtitle, body, sound,
                        soundName, badge, category, threadId, mutableContent, contentAvailable, interruption, relevance,
                        data), liveActivity, section("composer.section.delivery", pushType, priority, expiration,
                        expiresAfter, expiresAfterUnit, expiresAt, collapseId, throttle, trackOpens),
                section("composer.section.audience", audienceType, tags, match, tokens, aliases, activityIds,
                        channel, noChannels, filters, audienceCount, capNote),
                section("composer.section.schedule", scheduleMode, scheduleAt, zone, scheduleResolved),
                quietHours, errors, buttons());
        add(form, preview);
    }

    /** Save, template, test and cancel; they wrap onto a second line on a phone. */
    private Component buttons() {
        HorizontalLayout buttons = new HorizontalLayout(save, saveTemplate, sendTest,
                new Button(getTranslation("action.cancel"), e -> UI.getCurrent().navigate("campaigns")));
        buttons.setWrap(true);
        return buttons;
    }

    // ---- building the form -------------------------------------------------------------

    private TextField field(String key) {
        TextField field = new TextField(getTranslation(key));
        field.setValueChangeMode(ValueChangeMode.EAGER);
        return field;
    }

    private void configureFields() {
        List<PushApp> teamApps = apps.all();
        app.setLabel(getTranslation("composer.app"));
        app.setItems(teamApps);
        app.setItemLabelGenerator(PushApp::name);
        teamApps.stream().findFirst().ifPresent(app::setValue);
        environment.setLabel(getTranslation("composer.environment"));
        environment.setItems(ApnsEnvironment.values());
        environment.setItemLabelGenerator(env -> getTranslation("env." + env.wire()));
        environment.setValue(ApnsEnvironment.PRODUCTION);
        expert.setLabel(getTranslation("composer.expert"));
        raw.setLabel(getTranslation("composer.raw"));
        raw.setPlaceholder("{\"aps\":{\"alert\":\"…\"}}");
        body.setLabel(getTranslation("composer.body"));
        data.setLabel(getTranslation("composer.data"));
        data.setPlaceholder("{\"deepLink\":\"app://…\"}");
        tokens.setLabel(getTranslation("composer.audience.tokens"));
        tokens.setHelperText(getTranslation("composer.audience.tokens.help"));
        aliases.setLabel(getTranslation("composer.audience.aliases.list"));
        aliases.setHelperText(getTranslation("composer.audience.aliases.help"));
        activityIds.setLabel(getTranslation("composer.audience.activities.list"));
        activityIds.setHelperText(getTranslation("composer.audience.activities.help"));
        for (TextArea area : List.of(raw, body, data, tokens, aliases, activityIds)) {
            area.setValueChangeMode(ValueChangeMode.EAGER);
            area.setWidthFull();
        }
        choice(sound, "composer.sound", List.of("default", "none", SOUND_CUSTOM), "default",
                s -> getTranslation("composer.sound." + s));
        badge.setLabel(getTranslation("composer.badge"));
        badge.setHelperText(getTranslation("composer.badge.help"));
        badge.setValueChangeMode(ValueChangeMode.EAGER);
        mutableContent.setLabel(getTranslation("composer.mutable-content"));
        contentAvailable.setLabel(getTranslation("composer.content-available"));
        choice(interruption, "composer.interruption", List.of("", "passive", "active", "time-sensitive", "critical"),
                "", level -> getTranslation(level.isEmpty() ? "composer.interruption.default"
                        : "composer.interruption." + level));
        relevance.setLabel(getTranslation("composer.relevance"));
        relevance.setMin(0);
        relevance.setMax(1);
        relevance.setStep(0.05);
        relevance.setValueChangeMode(ValueChangeMode.EAGER);
        choice(pushType, "composer.push-type", Arrays.asList(PushType.values()), PushType.ALERT,
                type -> getTranslation("composer.push-type." + type.wire()));
        choice(priority, "composer.priority", CampaignRules.PRIORITIES, CampaignRules.PRIORITIES.get(0),
                this::priorityLabel);
        choice(expiration, "composer.expiration", Arrays.asList(ExpirationMode.values()), ExpirationMode.AFTER,
                mode -> getTranslation(mode.key()));
        expiresAfter.setLabel(getTranslation("composer.expiration.amount"));
        expiresAfter.setValueChangeMode(ValueChangeMode.EAGER);
        choice(expiresAfterUnit, "composer.expiration.unit", EXPIRATION_UNITS, ChronoUnit.HOURS,
                unit -> getTranslation("composer.expiration.unit." + unit.name().toLowerCase(Locale.ROOT)));
        expiresAt.setLabel(getTranslation("composer.expiration.at-time"));
        showExpiration(Expiration.DEFAULT);
        throttle.setLabel(getTranslation("composer.throttle"));
        throttle.setHelperText(getTranslation("composer.throttle.help"));
        throttle.setValueChangeMode(ValueChangeMode.EAGER);
        trackOpens.setLabel(getTranslation("composer.track-opens"));
        trackOpens.setHelperText(getTranslation("composer.track-opens.help"));
        trackOpens.setValue(true);
        choice(audienceType, "composer.audience", Arrays.asList(AudienceSpec.Type.values()), AudienceSpec.Type.ALL,
                t -> getTranslation("composer.audience." + t.name().toLowerCase()));
        // Only a Live Activity update or end can be broadcast; a start is refused with its reason when chosen.
        audienceType.setItemEnabledProvider(t -> t != AudienceSpec.Type.CHANNEL
                || pushType.getValue() == PushType.LIVEACTIVITY);
        channel.setLabel(getTranslation("composer.audience.channel.pick"));
        channel.setItemLabelGenerator(c -> c.name() + " · " + c.channelId());
        channel.setEmptySelectionAllowed(false);
        noChannels.addClassName("warning");
        tags.setHelperText(getTranslation("composer.audience.tags.help"));
        choice(match, "composer.audience.match", Arrays.asList(AudienceSpec.Match.values()), AudienceSpec.Match.ANY,
                m -> getTranslation("composer.audience.match." + m.name().toLowerCase()));
        audienceCount.addClassName("audience-count");
        capNote.addClassName("cap-note");
        choice(scheduleMode, "composer.schedule", Arrays.asList(ScheduleMode.values()), ScheduleMode.DRAFT,
                mode -> getTranslation(mode.key()));
        scheduleAt.setLabel(getTranslation("composer.schedule.local-time"));
        zone.setLabel(getTranslation("composer.schedule.zone"));
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        // A new campaign is scheduled in the person's own zone unless they pick another;
        // load() puts back the zone a saved campaign was scheduled in.
        zone.setValue(ViewerZone.of(this).getId());
        scheduleResolved.addClassName("schedule-resolved");
        errors.addClassName("composer-errors");
        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> confirmAndSave());
        saveTemplate.setText(getTranslation("composer.template.save"));
        saveTemplate.addClickListener(e -> askTemplateName());
        sendTest.setText(getTranslation("campaigns.test"));
        sendTest.addClickListener(e -> openTestSend());
        mapFields();
        listen();
    }

    private <T> void choice(Select<T> select, String labelKey, List<T> items, T initial,
                            com.vaadin.flow.component.ItemLabelGenerator<T> label) {
        select.setLabel(getTranslation(labelKey));
        select.setItems(items);
        select.setItemLabelGenerator(label);
        select.setValue(initial);
    }

    private String priorityLabel(int value) {
        return CampaignRules.PRIORITIES.contains(value) ? getTranslation("composer.priority." + value)
                : getTranslation("composer.priority.unsupported", value);
    }

    /**
     * Shows a stored value as it is, offered beside the usual choices when it is no longer one
     * of them (the check then names the problem on the field), rather than quietly changing it.
     */
    private static <T> void showStored(Select<T> select, List<T> offered, T stored) {
        List<T> items = new ArrayList<>(offered);
        if (!items.contains(stored)) {
            items.add(stored);
        }
        select.setItems(items);
        select.setValue(stored);
    }

    private void mapFields() {
        fieldsByPath.putAll(Map.ofEntries(Map.entry("name", name), Map.entry("environment", environment),
                Map.entry("rawPayload", raw), Map.entry("notification.title", title),
                Map.entry("notification.subtitle", subtitle), Map.entry("notification.body", body),
                Map.entry("notification.sound", soundName), Map.entry("notification.badge", badge),
                Map.entry("notification.category", category), Map.entry("notification.threadId", threadId),
                Map.entry("notification.interruptionLevel", interruption),
                Map.entry("notification.relevanceScore", relevance), Map.entry("notification.data", data),
                Map.entry("pushType", pushType), Map.entry("priority", priority),
                Map.entry("expiresAfterSeconds", expiresAfter), Map.entry("expiresAt", expiresAt),
                Map.entry("collapseId", collapseId), Map.entry("audience.tags", tags),
                Map.entry("audience.tokens", tokens), Map.entry("audience.aliases", aliases),
                Map.entry("audience.activityIds", activityIds), Map.entry("audience.channel", channel),
                Map.entry("schedule.at", scheduleAt),
                Map.entry("schedule.zone", zone), Map.entry("throttlePerMinute", throttle)));
        fieldsByPath.putAll(liveActivity.fieldsByPath());
        fieldsByPath.putAll(quietHours.fieldsByPath());
        fieldsByPath.putAll(abTest.fieldsByPath());
        fieldsByPath.values().forEach(field -> ((Focusable<?>) field).addBlurListener(left -> {
            if (touched.add(field)) {
                refresh();
            }
        }));
    }

    private void listen() {
        List<HasValue<?, ?>> content = List.of(name, expert, raw, title, subtitle, body, sound, soundName, badge,
                category, threadId, mutableContent, contentAvailable, interruption, relevance, data, pushType,
                priority, expiration, expiresAfter, expiresAfterUnit, expiresAt, collapseId, scheduleMode, scheduleAt,
                zone, throttle, trackOpens);
        Stream.of(content, liveActivity.inputs(), quietHours.inputs(), abTest.inputs()).flatMap(List::stream)
                .forEach(field ->
                field.addValueChangeListener(e -> {
                    touch(e);
                    refresh();
                }));
        // Whether a broadcast channel may be chosen depends on the push type.
        pushType.addValueChangeListener(e -> audienceType.getListDataView().refreshAll());
        // A Live Activity's event and attributes type choose the tokens it reaches.
        List<HasValue<?, ?>> audience = List.of(app, environment, audienceType, tags, match, tokens, aliases,
                activityIds, channel, pushType, liveActivity.event, liveActivity.attributesType);
        audience.forEach(field -> field.addValueChangeListener(e -> {
            touch(e);
            refreshAudience();
            refresh();
        }));
        filters.onChange(() -> {
            refreshAudience();
            refresh();
        });
        variants.onContentChange(this::refresh);
        variants.onSelect(this::refresh);
        // Every version words the same languages: the section follows first, so the counts read them.
        variants.onLocalesChange(abTest::followLocales);
        variants.onLocalesChange(this::refreshAudience);
        abTest.onVersionsChange(this::refresh);
        app.addValueChangeListener(e -> suggestPropertyKeys());
    }

    private void touch(HasValue.ValueChangeEvent<?> change) {
        if (change.isFromClient() && change.getHasValue() instanceof HasValidationProperties field) {
            touched.add(field);
        }
    }

    private static Component section(String key, Component... fields) {
        FormLayout layout = new FormLayout(fields);
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        Div section = new Div(new H3(UI.getCurrent().getTranslation(key)), layout);
        section.addClassName("composer-section");
        return section;
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
                loadContent(chosen.notification(), chosen.rawPayload());
            });
        } catch (NotFoundException e) {
            // Another team's id reads exactly like one that does not exist.
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        suggestPropertyKeys();
        refreshAudience();
        refresh();
    }

    /** Offers the property keys the chosen app's devices report to the filter rows. */
    private void suggestPropertyKeys() {
        filters.suggest(app.getValue() == null ? List.of() : devices.reportedProperties(app.getValue().id()));
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
        // A stored campaign's problems are there to be fixed: they show at once.
        showAllProblems = true;
        heading.setText(getTranslation(campaign.status().editable() ? "composer.title.edit"
                : "composer.title.read-only", campaign.name()));
        loading = true;
        CampaignDraft d = campaign.draft();
        name.setValue(d.name());
        app.getListDataView().getItems().filter(a -> a.id().equals(campaign.appId())).findFirst()
                .ifPresent(app::setValue);
        app.setReadOnly(true);
        environment.setValue(d.environment());
        loadContent(d.notification(), d.rawPayload());
        liveActivity.load(d.liveActivity());
        pushType.setValue(d.pushType());
        showStored(priority, CampaignRules.PRIORITIES, d.priority());
        collapseId.setValue(text(d.collapseId()));
        throttle.setValue(d.throttlePerMinute());
        trackOpens.setValue(d.trackOpens());
        quietHours.load(d.quietHours());
        variants.load(d.variants());
        abTest.load(d.abTest());
        audienceType.setValue(d.audience().type());
        tags.setValue(String.join(", ", d.audience().tags()));
        match.setValue(d.audience().match());
        tokens.setValue(String.join("\n", d.audience().tokens()));
        aliases.setValue(String.join("\n", d.audience().aliases()));
        activityIds.setValue(String.join("\n", d.audience().activityIds()));
        showChannels(d.audience().channel());
        filters.load(d.audience().filters());
        if (d.schedule() != null) {
            scheduleMode.setValue(d.schedule().deviceLocalTime() ? ScheduleMode.DEVICE : ScheduleMode.ZONE);
            scheduleAt.setValue(d.schedule().at());
            zone.setValue(d.schedule().zone());
        }
        showExpiration(d.expiration());
        loading = false;
        form.setEnabled(campaign.status().editable());
    }

    /**
     * Puts an expiration in the form as stored: a whole number of the largest unit that fits, a
     * time in the schedule's zone (so the zone is loaded first), or try once.
     */
    private void showExpiration(Expiration stored) {
        expiration.setValue(stored.afterSeconds() != null ? ExpirationMode.AFTER
                : stored.at() != null ? ExpirationMode.AT : ExpirationMode.NONE);
        if (stored.afterSeconds() != null) {
            ChronoUnit unit = Stream.of(ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)
                    .filter(candidate -> stored.afterSeconds() % candidate.getDuration().getSeconds() == 0)
                    .findFirst().orElseThrow();
            showStored(expiresAfterUnit, EXPIRATION_UNITS, unit);
            // Longer than a field holds is longer than the rules allow: the check says so on the field.
            expiresAfter.setValue((int) Math.min(Integer.MAX_VALUE,
                    stored.afterSeconds() / unit.getDuration().getSeconds()));
        }
        if (stored.at() != null) {
            expiresAt.setValue(stored.at().atZone(currentZone()).toLocalDateTime());
        }
    }

    private void loadContent(Notification n, @Nullable String rawPayload) {
        boolean wasLoading = loading;
        loading = true;
        expert.setValue(rawPayload != null);
        raw.setValue(text(rawPayload));
        title.setValue(text(n.title()));
        subtitle.setValue(text(n.subtitle()));
        body.setValue(text(n.body()));
        boolean silent = n.sound() == null || n.sound().isBlank() || "none".equals(n.sound());
        sound.setValue(silent ? "none" : "default".equals(n.sound()) ? "default" : SOUND_CUSTOM);
        soundName.setValue(silent || "default".equals(n.sound()) ? "" : n.sound());
        badge.setValue(n.badge());
        category.setValue(text(n.category()));
        threadId.setValue(text(n.threadId()));
        mutableContent.setValue(n.mutableContent());
        contentAvailable.setValue(n.contentAvailable());
        interruption.setValue(text(n.interruptionLevel()));
        relevance.setValue(n.relevanceScore());
        data.setValue(text(n.data()));
        loading = wasLoading;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    // ---- reading the form ---------------------------------------------------------------

    /** The alert as the fields state it, worded as the version they show. */
    Notification notification() {
        return notification(shownWording());
    }

    private Notification notification(ContentVersion wording) {
        String chosenSound = switch (sound.getValue() == null ? "none" : sound.getValue()) {
            case "default" -> "default";
            case SOUND_CUSTOM -> soundName.getValue();
            default -> null;
        };
        return new Notification(wording.title(), wording.subtitle(), wording.body(), chosenSound, badge.getValue(),
                category.getValue(), threadId.getValue(), mutableContent.getValue(), contentAvailable.getValue(),
                interruption.getValue(), relevance.getValue(), data.getValue());
    }

    /**
     * The campaign as the form states it: version A's wording (the fields', or the one the A/B test section
     * keeps while another version is shown) and the test with the other versions.
     */
    CampaignDraft draft() {
        ContentVersion versionA = abTest.versionA();
        Expiration exp = switch (expiration.getValue()) {
            case AFTER -> Expiration.after(expiresAfter.getValue() == null ? 0L
                    : expiresAfter.getValue() * expiresAfterUnit.getValue().getDuration().getSeconds());
            case AT -> new Expiration(null, expiresAt.getValue() == null ? null
                    : expiresAt.getValue().atZone(currentZone()).toInstant());
            case NONE -> Expiration.NONE;
        };
        Schedule schedule = scheduleMode.getValue() == ScheduleMode.DRAFT ? null
                : new Schedule(scheduleAt.getValue(), zone.getValue(), scheduleMode.getValue() == ScheduleMode.DEVICE);
        boolean live = pushType.getValue() == PushType.LIVEACTIVITY;
        return new CampaignDraft(name.getValue(), environment.getValue(), notification(versionA),
                expert.getValue() && !live ? raw.getValue() : null, pushType.getValue(),
                priority.getValue() == null ? 10 : priority.getValue(), exp, collapseId.getValue(), audience(),
                schedule, throttle.getValue(), live ? liveActivity.value() : null, trackOpens.getValue(),
                audienceType.getValue() == AudienceSpec.Type.CHANNEL ? null : quietHours.value())
                .withVariants(versionA.variants()).withAbTest(abTest.value());
    }

    /** The wording the fields hold: that of the version selected in the A/B test section, else the campaign's. */
    private ContentVersion shownWording() {
        return new ContentVersion(title.getValue(), subtitle.getValue(), body.getValue(), variants.value());
    }

    /** Puts a version's wording into the fields; the section asks for the refresh once they all hold it. */
    private void showWording(ContentVersion wording) {
        boolean wasLoading = loading;
        loading = true;
        title.setValue(text(wording.title()));
        subtitle.setValue(text(wording.subtitle()));
        body.setValue(text(wording.body()));
        variants.reword(wording.variants());
        loading = wasLoading;
    }

    private AudienceSpec audience() {
        List<String> tagList = Arrays.stream(tags.getValue().split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        boolean broadcast = audienceType.getValue() == AudienceSpec.Type.CHANNEL;
        return new AudienceSpec(audienceType.getValue(), tagList, match.getValue(), lines(tokens), lines(aliases),
                lines(activityIds), channel.getValue() == null ? null : channel.getValue().id(),
                broadcast ? List.of() : filters.value());
    }

    private static List<String> lines(TextArea area) {
        return area.getValue().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private ZoneId currentZone() {
        String id = zone.getValue();
        return id != null && ZoneId.getAvailableZoneIds().contains(id) ? ZoneId.of(id) : ZoneId.of("UTC");
    }

    // ---- previews -----------------------------------------------------------------------

    private void refresh() {
        if (loading) {
            return;
        }
        showModes();
        CampaignDraft draft = draft();
        CampaignCheck check = app.getValue() == null ? campaigns.check(draft)
                : campaigns.check(app.getValue().id(), draft);
        lastCheck = check;
        // The previews follow the version and language the fields show.
        CampaignDraft version = draft.asVersion(abTest.shown());
        CampaignCheck versionCheck = abTest.shown() == 0 ? check : campaigns.check(version);
        int shown = variants.selected();
        boolean variantShown = shown > 0 && shown <= versionCheck.variantPayloads().size();
        preview.showPayload(variantShown ? versionCheck.variantPayloads().get(shown - 1) : versionCheck.payload(),
                pushType.getValue().limit());
        preview.showLockScreen(app.getValue() == null ? "" : app.getValue().name(),
                variantShown ? version.asVariant(version.variants().get(shown - 1)) : version);
        showSchedule(check);
        showErrors(check);
        ready = check.valid() && expirationComplete();
        save.setEnabled(editing == null || editing.status().editable());
    }

    private void showModes() {
        PushType type = pushType.getValue();
        boolean live = type == PushType.LIVEACTIVITY;
        boolean isExpert = expert.getValue() && !live;
        expert.setVisible(!live);
        raw.setVisible(isExpert);
        liveActivity.setVisible(live);
        saveTemplate.setVisible(!live);
        for (Component content : List.of(sound, badge, mutableContent, interruption)) {
            content.setVisible(!isExpert && type.alertAllowed());
        }
        showVariants(type, isExpert);
        for (Component content : List.of(category, threadId, contentAvailable, relevance, data)) {
            content.setVisible(!isExpert && !live);
        }
        priority.setHelperText(live ? getTranslation("composer.priority.live-activity") : null);
        trackOpens.setVisible(type.appReadsPayload());
        soundName.setVisible(!isExpert && type.alertAllowed() && SOUND_CUSTOM.equals(sound.getValue()));
        priority.setReadOnly(type.forcesPriority());
        if (type.forcesPriority() && priority.getValue() != type.effectivePriority(10)) {
            priority.setValue(type.effectivePriority(10));
        }
        ExpirationMode expiring = expiration.getValue();
        expiresAfter.setVisible(expiring == ExpirationMode.AFTER);
        expiresAfterUnit.setVisible(expiring == ExpirationMode.AFTER);
        expiresAt.setVisible(expiring == ExpirationMode.AT);
        expiration.setHelperText(getTranslation(expiring.key() + ".help"));
        AudienceSpec.Type audience = audienceType.getValue();
        tags.setVisible(audience == AudienceSpec.Type.TAGS);
        match.setVisible(audience == AudienceSpec.Type.TAGS);
        tokens.setVisible(audience == AudienceSpec.Type.TOKENS);
        tokens.setLabel(getTranslation(live ? "composer.audience.activity-tokens" : "composer.audience.tokens"));
        aliases.setVisible(audience == AudienceSpec.Type.ALIASES);
        activityIds.setVisible(audience == AudienceSpec.Type.ACTIVITIES);
        boolean broadcast = audience == AudienceSpec.Type.CHANNEL;
        channel.setVisible(broadcast && !channelsEmpty());
        filters.setVisible(!broadcast);
        noChannels.setVisible(broadcast && channelsEmpty());
        // Apple hands a broadcast to every activity at once: there is no device clock to wait for.
        quietHours.setVisible(!broadcast);
        boolean scheduled = scheduleMode.getValue() != ScheduleMode.DRAFT;
        scheduleAt.setVisible(scheduled);
        zone.setVisible(scheduled);
    }

    /**
     * The language tabs show for alerts, and for any campaign that still has variants (so they can be
     * removed); a locale can be added only where the rules take variants. The default tab's texts are
     * the composer's own fields.
     */
    private void showVariants(PushType type, boolean isExpert) {
        boolean broadcast = audienceType.getValue() == AudienceSpec.Type.CHANNEL;
        boolean allowed = type == PushType.ALERT && !isExpert && !broadcast;
        variants.setVisible(allowed || !variants.value().isEmpty());
        variants.allowAdding(allowed, getTranslation(isExpert ? "campaign.variants.raw"
                : broadcast ? "campaign.variants.broadcast" : "campaign.variants.alert-only"));
        boolean localTime = scheduleMode.getValue() == ScheduleMode.DEVICE;
        abTest.allow(allowed, !allowed ? getTranslation("campaign.abTest.alert-only")
                : localTime ? getTranslation("campaign.abTest.local-time") : null);
        abTest.warnUntracked(!trackOpens.getValue());
        boolean defaultShown = variants.selected() == 0;
        for (Component content : List.of(title, subtitle, body)) {
            content.setVisible(!isExpert && type.alertAllowed() && defaultShown);
        }
    }

    private void showSchedule(CampaignCheck check) {
        scheduleResolved.removeAll();
        if (check.schedule() != null) {
            ScheduleText.lines(this, check.schedule()).forEach(line -> scheduleResolved.add(new Div(line)));
        }
    }

    /** "Until a fixed time" needs the time; without it the draft would quietly mean "try once". */
    private boolean expirationComplete() {
        if (expiration.getValue() != ExpirationMode.AT || expiresAt.getValue() != null) {
            return true;
        }
        if (shows(expiresAt)) {
            expiresAt.setInvalid(true);
            expiresAt.setErrorMessage(getTranslation("campaign.schedule.at.required"));
        }
        return false;
    }

    private void showErrors(CampaignCheck check) {
        fieldsByPath.values().forEach(field -> field.setInvalid(false));
        errors.removeAll();
        abTest.showProblems(check.errors(), getLocale());
        List<ValidationException.FieldError> filterProblems = filters.showProblems(check.errors(), showAllProblems);
        for (ValidationException.FieldError error : check.errors()) {
            if (AudienceFilterRows.isFilterField(error.field()) && !filterProblems.contains(error)) {
                continue;
            }
            String message = abTest.describe(error, error.message(getLocale()));
            HasValidationProperties field = fieldsByPath.get(error.field().replaceAll("\\[\\d+]$", ""));
            if (field != null && !shows(field)) {
                continue;
            }
            if (field != null) {
                field.setInvalid(true);
                field.setErrorMessage(message);
            }
            Div line = new Div(message);
            line.addClassName("composer-error");
            errors.add(line);
        }
    }

    /** A problem without a field of its own (the payload's size) always shows; a field's once it was touched. */
    private boolean shows(HasValidationProperties field) {
        return showAllProblems || touched.contains(field);
    }

    private void refreshAudience() {
        showCap();
        if (loading || app.getValue() == null || environment.getValue() == null) {
            audienceCount.setText("");
            return;
        }
        if (audienceType.getValue() == AudienceSpec.Type.CHANNEL) {
            showChannels(channel.getValue() == null ? null : channel.getValue().id());
            // Apple hands a broadcast to every subscribed activity and counts them for no one.
            audienceCount.setText(getTranslation("composer.audience.channel.reach"));
            audienceCount.setClassName("warning", false);
            return;
        }
        try {
            CampaignDraft draft = draft();
            long count = campaigns.countAudience(app.getValue().id(), draft);
            String words = draft.pushType() == PushType.LIVEACTIVITY ? "composer.audience.activity-" : "composer.audience.";
            audienceCount.setText(getTranslation(words + (count == 0 ? "none" : "count"), count));
            audienceCount.setClassName("warning", count == 0);
            variants.showCounts(campaigns.countAudienceByVariant(app.getValue().id(), draft));
        } catch (ValidationException e) {
            audienceCount.setText(e.message(getLocale()));
        }
    }

    /**
     * Names the app's frequency cap when it applies to this campaign: one to devices, not Live
     * Activity updates or a broadcast (docs/decisions/054-frequency-caps.md).
     */
    private void showCap() {
        PushApp chosen = app.getValue();
        FrequencyCap cap = chosen == null || pushType.getValue() == PushType.LIVEACTIVITY
                || audienceType.getValue() == AudienceSpec.Type.CHANNEL ? null : chosen.frequencyCap();
        capNote.setVisible(cap != null);
        if (cap != null) {
            capNote.setText(cap.perWeek() == null ? getTranslation("composer.cap.day", cap.perDay())
                    : cap.perDay() == null ? getTranslation("composer.cap.week", cap.perWeek())
                    : getTranslation("composer.cap.both", cap.perDay(), cap.perWeek()));
        }
    }

    /**
     * Lists the app's channels of the chosen environment and keeps {@code selected} when it is one
     * of them; with none, a message links to the channels page instead.
     */
    private void showChannels(@Nullable UUID selected) {
        if (app.getValue() == null || environment.getValue() == null) {
            return;
        }
        noChannels.removeAll();
        noChannels.add(new Div(getTranslation("composer.audience.channel.none",
                getTranslation("env." + environment.getValue().wire()))), new Anchor("apps/" + app.getValue().id()
                + "/channels", getTranslation("composer.audience.channel.manage")));
        List<ListedChannel> listed = campaigns.channels(app.getValue().id(), environment.getValue());
        if (!listed.equals(channel.getListDataView().getItems().toList())) {
            channel.setItems(listed);
            listed.stream().filter(c -> c.id().equals(selected)).findFirst().ifPresent(channel::setValue);
        }
        showModes();
    }

    private boolean channelsEmpty() {
        return channel.getListDataView().getItemCount() == 0;
    }

    // ---- saving -------------------------------------------------------------------------

    private void confirmAndSave() {
        showAllProblems = true;
        refresh();
        if (!ready) {
            Feedback.error(getTranslation("composer.fix-problems"));
            return;
        }
        CampaignCheck check = Objects.requireNonNull(lastCheck, "the form is ready only once a check passed");
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
            Campaign saved = stored == null ? campaigns.create(app.getValue().id(), draft())
                    : campaigns.update(stored.id(), draft());
            Feedback.success(getTranslation("composer.saved", saved.name()));
            UI.getCurrent().navigate("campaigns");
        } catch (ValidationException e) {
            showErrors(new CampaignCheck(check.payload(), check.schedule(), e.errors(), check.variantPayloads(),
                    check.versionPayloads()));
            Feedback.error(e);
        } catch (RuntimeException e) {
            Feedback.error(e);
        }
    }

    /** Sends what the composer shows now (saved or not) to test devices; nothing here is saved. */
    private void openTestSend() {
        PushApp chosen = app.getValue();
        if (chosen == null || environment.getValue() == null) {
            Feedback.error(getTranslation("composer.test.choose-app"));
            return;
        }
        // A test send is of the version shown, in every language it has.
        CampaignDraft content = draft().asVersion(abTest.shown());
        new TestSendDialog(devices, chosen, content.environment(),
                deviceId -> directSends.sendTest(chosen.id(), content, deviceId), sent -> { }).open();
    }

    private void askTemplateName() {
        new SaveTemplateDialog(templates, name.getValue(), notification(), expert.getValue() ? raw.getValue() : null)
                .open();
    }

    @Override
    public String getPageTitle() {
        return heading.getText() + " · " + getTranslation("app.name");
    }
}
