package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Focusable;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.campaign.CampaignCheck;
import dev.pushdeck.campaign.CampaignDraft;
import dev.pushdeck.campaign.CampaignService;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.PushType;
import dev.pushdeck.device.DeviceService;
import dev.pushdeck.shared.error.ValidationException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The campaign composer's form: every field of a {@link CampaignDraft}, in sections, with one
 * {@link #read}/{@link #write} pair. Every change runs the check the API uses and shows its
 * problems on their fields (a field's once it was touched, all of them once Save asked), the
 * previews of the version and language shown, and how many the audience reaches.
 *
 * <p>The fields are bound by hand rather than with a {@code Binder}: the draft is an immutable
 * record whose parts are not one field each (the sound is a choice and a name, the expiration a
 * mode, an amount and a unit, the wording is shared by the A/B versions and languages), and its
 * validation is the campaign rules' check, not per-field validators.
 *
 * <p>Read-only (a sending or finished campaign), every input stays read-only and every button
 * disabled, but the version and language tabs can still be clicked, to read each wording.
 */
final class CampaignForm extends VerticalLayout {

    private final transient CampaignService campaigns;
    private final transient DeviceService devices;

    final TextField name = new TextField();
    /** The view's app picker, placed among the campaign's fields; the form follows its choice. */
    private final Select<PushApp> app;
    final Select<ApnsEnvironment> environment = new Select<>();
    /** The alert's wording per language (docs/decisions/055-content-per-language.md). */
    final ContentVariantTabs variants = new ContentVariantTabs();
    /**
     * Versions of the wording tested on a share of the audience (docs/decisions/058-ab-tests.md). The
     * wording fields always hold the selected version's text; the section keeps the others'.
     */
    final AbTestSection abTest = new AbTestSection(this::shownWording, this::showWording);
    final ContentFields content = new ContentFields(variants, abTest);
    final LiveActivityFields liveActivity = new LiveActivityFields(this::zone);
    final DeliveryFields delivery = new DeliveryFields(this::zone);
    final AudienceFields audience;
    final ScheduleFields schedule = new ScheduleFields();
    /** Quiet hours in each device's local time (docs/decisions/049-quiet-hours.md). */
    final QuietHoursFields quietHours = new QuietHoursFields();
    final Div errors = new Div();

    private final ComposerPreview preview;
    private final Map<String, HasValidationProperties> fieldsByPath = new HashMap<>();
    /** Fields the person changed or left: only their problems are shown, until Save asks for all. */
    private final Set<HasValidationProperties> touched = new HashSet<>();
    private final List<Runnable> modeListeners = new ArrayList<>();
    /** The newest check of the form, kept so a refused save can show its preview with the new problems. */
    private @Nullable CampaignCheck lastCheck;
    private boolean ready;
    private boolean showAllProblems;
    private boolean loading;
    private boolean locked;

    /**
     * @param app     the app picker, which the view owns and the form places and follows
     * @param preview where the payload and lock screen of the version and language shown are previewed
     */
    CampaignForm(CampaignService campaigns, DeviceService devices, Select<PushApp> app, ComposerPreview preview) {
        this.campaigns = campaigns;
        this.devices = devices;
        this.app = app;
        this.preview = preview;
        audience = new AudienceFields(campaigns, this::zone, delivery.pushType::getValue);
        addClassName("composer-form");
        name.setLabel(getTranslation("composer.name"));
        name.setValueChangeMode(ValueChangeMode.EAGER);
        environment.setLabel(getTranslation("composer.environment"));
        environment.setItems(ApnsEnvironment.values());
        environment.setItemLabelGenerator(env -> getTranslation("env." + env.wire()));
        environment.setValue(ApnsEnvironment.PRODUCTION);
        errors.addClassName("composer-errors");
        ComposerSection campaign = new ComposerSection();
        campaign.layOut("composer.section.campaign", name, app, environment);
        add(campaign, content, liveActivity, delivery, audience, schedule, quietHours, errors);
        mapFields();
        listen();
    }

    private void mapFields() {
        fieldsByPath.putAll(Map.of("name", name, "environment", environment));
        Stream.of(content.fieldsByPath(), delivery.fieldsByPath(), audience.fieldsByPath(), schedule.fieldsByPath(),
                liveActivity.fieldsByPath(), quietHours.fieldsByPath(), abTest.fieldsByPath())
                .forEach(fieldsByPath::putAll);
        fieldsByPath.values().forEach(field -> ((Focusable<?>) field).addBlurListener(left -> {
            if (touched.add(field)) {
                refresh();
            }
        }));
    }

    private void listen() {
        Stream.of(List.<HasValue<?, ?>>of(name), content.inputs(), delivery.inputs(), schedule.inputs(),
                        liveActivity.inputs(), quietHours.inputs(), abTest.inputs())
                .flatMap(List::stream).forEach(field -> field.addValueChangeListener(e -> {
                    touch(e);
                    refresh();
                }));
        // Whether a broadcast channel may be chosen depends on the push type.
        delivery.pushType.addValueChangeListener(e -> audience.audienceType.getListDataView().refreshAll());
        // A Live Activity's event and attributes type choose the tokens it reaches.
        Stream.of(List.<HasValue<?, ?>>of(app, environment), audience.inputs(),
                        List.<HasValue<?, ?>>of(delivery.pushType, liveActivity.event, liveActivity.attributesType))
                .flatMap(List::stream).forEach(field -> field.addValueChangeListener(e -> {
                    touch(e);
                    refreshAudience();
                    refresh();
                }));
        audience.filters.onChange(() -> {
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

    // ---- reading and writing the draft --------------------------------------------------

    /**
     * Shows a stored campaign of {@code storedApp} (none when the app is not the team's to pick); its
     * problems are there to be fixed, so they show at once.
     */
    void read(@Nullable PushApp storedApp, CampaignDraft d) {
        showAllProblems = true;
        loading = true;
        if (storedApp != null) {
            app.setValue(storedApp);
        }
        name.setValue(d.name());
        environment.setValue(d.environment());
        content.read(d.notification(), d.rawPayload());
        liveActivity.load(d.liveActivity());
        delivery.read(d);
        quietHours.load(d.quietHours());
        variants.load(d.variants());
        abTest.load(d.abTest());
        audience.read(d.audience(), app.getValue(), environment.getValue());
        showModes();
        schedule.read(d.schedule());
        delivery.showExpiration(d.expiration());
        loading = false;
    }

    /** Shows a template's notification or raw payload; the rest of the form stays as it is. */
    void readContent(Notification notification, @Nullable String rawPayload) {
        boolean wasLoading = loading;
        loading = true;
        content.read(notification, rawPayload);
        loading = wasLoading;
    }

    /**
     * The campaign as the form states it: version A's wording (the fields', or the one the A/B test section
     * keeps while another version is shown) and the test with the other versions.
     */
    CampaignDraft write() {
        ContentVersion versionA = abTest.versionA();
        PushType type = delivery.pushType.getValue();
        boolean live = type == PushType.LIVEACTIVITY;
        return new CampaignDraft(name.getValue(), environment.getValue(), content.notification(versionA),
                content.rawPayload(type), type, delivery.priorityValue(), delivery.expirationValue(),
                delivery.collapseId.getValue(), audience.value(), schedule.value(), delivery.throttle.getValue(),
                live ? liveActivity.value() : null, delivery.trackOpens.getValue(),
                audience.broadcast() ? null : quietHours.value())
                .withVariants(versionA.variants()).withAbTest(abTest.value());
    }

    /** The alert as the fields state it, worded as the version they show. */
    Notification notification() {
        return content.notification(shownWording());
    }

    /** The raw payload typed in expert mode, whatever the push type; none when composing. */
    @Nullable String rawPayload() {
        return content.expert.getValue() ? content.raw.getValue() : null;
    }

    /** The wording the fields hold; the A/B section asks through here, as it is built before the fields. */
    private ContentVersion shownWording() {
        return content.wording();
    }

    /** Puts a version's wording into the fields; the section asks for the refresh once they all hold it. */
    private void showWording(ContentVersion wording) {
        boolean wasLoading = loading;
        loading = true;
        content.showWording(wording);
        loading = wasLoading;
    }

    private ZoneId zone() {
        return schedule.zoneId();
    }

    // ---- checking and showing ------------------------------------------------------------

    /**
     * Fills in what follows from the app (property keys, channels, the audience's size) and checks
     * the form; called once the campaign or template is read.
     */
    void opened() {
        suggestPropertyKeys();
        refreshAudience();
        refresh();
    }

    /** Whether the newest check passed and the form states all it needs. */
    boolean ready() {
        return ready;
    }

    /** The newest check of the form, once there is one. */
    @Nullable CampaignCheck lastCheck() {
        return lastCheck;
    }

    /** Shows every problem, touched or not, as Save asks. */
    void showAllProblems() {
        showAllProblems = true;
        refresh();
    }

    /** Shows problems the save found that the check did not, beside the newest check's payloads. */
    void showRefused(CampaignCheck check, List<ValidationException.FieldError> problems) {
        showErrors(new CampaignCheck(check.payload(), check.schedule(), problems, check.variantPayloads(),
                check.versionPayloads()));
    }

    /** Called whenever the fields shown change with the push type and modes. */
    void onModesShown(Runnable listener) {
        modeListeners.add(listener);
    }

    /** Makes every input read-only and every button disabled; the tabs still show each version and language. */
    void readOnly() {
        locked = true;
        lock(this);
    }

    private static void lock(Component component) {
        if (component instanceof Tabs) {
            return;
        }
        if (component instanceof HasValue<?, ?> input) {
            input.setReadOnly(true);
        } else if (component instanceof Button button) {
            button.setEnabled(false);
        } else {
            component.getChildren().forEach(CampaignForm::lock);
        }
    }

    private void refresh() {
        if (loading) {
            return;
        }
        showModes();
        CampaignDraft draft = write();
        CampaignCheck check = app.getValue() == null ? campaigns.check(draft)
                : campaigns.check(app.getValue().id(), draft);
        lastCheck = check;
        // The previews follow the version and language the fields show.
        CampaignDraft version = draft.asVersion(abTest.shown());
        CampaignCheck versionCheck = abTest.shown() == 0 ? check : campaigns.check(version);
        int shown = variants.selected();
        boolean variantShown = shown > 0 && shown <= versionCheck.variantPayloads().size();
        preview.showPayload(variantShown ? versionCheck.variantPayloads().get(shown - 1) : versionCheck.payload(),
                delivery.pushType.getValue().limit());
        preview.showLockScreen(app.getValue() == null ? "" : app.getValue().name(),
                variantShown ? version.asVariant(version.variants().get(shown - 1)) : version);
        schedule.showResolved(check.schedule());
        showErrors(check);
        ready = check.valid() && delivery.expirationComplete(this::shows);
    }

    private void showModes() {
        PushType type = delivery.pushType.getValue();
        boolean live = type == PushType.LIVEACTIVITY;
        boolean broadcast = audience.broadcast();
        liveActivity.setVisible(live);
        content.showModes(type, broadcast, schedule.deviceLocalTime(), delivery.trackOpens.getValue());
        delivery.showModes();
        audience.showModes(live);
        // Apple hands a broadcast to every activity at once: there is no device clock to wait for.
        quietHours.setVisible(!broadcast);
        schedule.showMode();
        modeListeners.forEach(Runnable::run);
        if (locked) {
            // Showing a mode may enable a button or free a field again.
            lock(this);
        }
    }

    private void showErrors(CampaignCheck check) {
        fieldsByPath.values().forEach(field -> field.setInvalid(false));
        errors.removeAll();
        abTest.showProblems(check.errors(), getLocale());
        List<ValidationException.FieldError> filterProblems = audience.filters.showProblems(check.errors(),
                showAllProblems);
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
        PushType type = delivery.pushType.getValue();
        audience.showCap(app.getValue(), type);
        if (loading || app.getValue() == null || environment.getValue() == null) {
            audience.audienceCount.setText("");
            return;
        }
        if (audience.broadcast()) {
            audience.showChannels(app.getValue(), environment.getValue(),
                    audience.channel.getValue() == null ? null : audience.channel.getValue().id());
            showModes();
            audience.showBroadcastReach();
            return;
        }
        try {
            CampaignDraft draft = write();
            long count = campaigns.countAudience(app.getValue().id(), draft);
            String words = type == PushType.LIVEACTIVITY ? "composer.audience.activity-" : "composer.audience.";
            audience.showCount(getTranslation(words + (count == 0 ? "none" : "count"), count), count == 0);
            variants.showCounts(campaigns.countAudienceByVariant(app.getValue().id(), draft));
        } catch (ValidationException e) {
            audience.audienceCount.setText(e.message(getLocale()));
        }
    }

    /** Offers the property keys the chosen app's devices report to the filter rows. */
    private void suggestPropertyKeys() {
        audience.filters.suggest(app.getValue() == null ? List.of() : devices.reportedProperties(app.getValue().id()));
    }
}
