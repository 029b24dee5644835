package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.campaign.AbTest;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.ContentVersion;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The composer's A/B test (docs/decisions/058-ab-tests.md): a switch, a tab per version (A is
 * the campaign's own wording, B to D are added, each starting as a copy of the version shown),
 * the test share and the wait before the winner is sent to the rest.
 *
 * <p>The composer has one set of wording fields (title, subtitle, body and the language tabs);
 * they always hold the selected version's wording, so the lock-screen preview, byte meter and
 * payload follow the selected version without knowing about versions. This section keeps the
 * other versions' wording and swaps it in and out of the fields through {@code shownWording}
 * and {@code showWording} when another version is selected. A language added or removed while
 * any version is shown is added to or removed from every version, the new one empty in the
 * others, so the versions keep the campaign's locales and the rules ask for the missing texts.
 */
final class AbTestSection extends Div {

    /** Waits people choose most; a stored wait of another length is offered beside them. */
    private static final List<Integer> WAITS = List.of(30, 60, 120, 240, 480, 1440);
    private static final Pattern VERSION_PATH = Pattern.compile("abTest\\.versions\\[(\\d+)](\\..*)?");
    private static final Pattern VARIANT_PATH = Pattern.compile("(?:abTest\\.versions\\[\\d+]\\.)?variants\\[(\\d+)].*");

    final Checkbox enabled = new Checkbox();
    final Tabs tabs = new Tabs();
    final Button addVersion = new Button();
    final Button removeVersion = new Button();
    /** The problems of the version shown, which have no field of their own. */
    final Div versionProblems = new Div();
    final IntegerField testPercent = new IntegerField();
    final Select<Integer> waitMinutes = new Select<>();
    final Span explanation = new Span();
    final Span untracked = new Span();
    /** Everything but the switch, shown while the test is on. */
    private final Div test = new Div();
    private final Supplier<ContentVersion> shownWording;
    private final Consumer<ContentVersion> showWording;
    private final List<Runnable> listeners = new ArrayList<>();
    /** Each version's wording, A first; the shown one's is only up to date in the fields. */
    private final List<ContentVersion> versions = new ArrayList<>();
    private int shown;
    /** Set while the tabs are rebuilt, so that their selection events are not a person choosing. */
    private boolean rebuilding;

    /**
     * @param shownWording reads the wording the composer's fields hold now
     * @param showWording  puts a version's wording into the composer's fields
     */
    AbTestSection(Supplier<ContentVersion> shownWording, Consumer<ContentVersion> showWording) {
        this.shownWording = shownWording;
        this.showWording = showWording;
        addClassName("ab-test");
        getElement().setAttribute("colspan", "2");
        enabled.setLabel(getTranslation("composer.abTest.on"));
        enabled.setHelperText(getTranslation("composer.abTest.help"));
        addVersion.setText(getTranslation("composer.abTest.add"));
        addVersion.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addVersion.addClickListener(click -> addVersion());
        removeVersion.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        removeVersion.addClickListener(click -> removeShown());
        versionProblems.addClassName("ab-test-problems");
        testPercent.setLabel(getTranslation("composer.abTest.test-percent"));
        testPercent.setSuffixComponent(new Span("%"));
        testPercent.setMin(1);
        testPercent.setMax(AbTest.MAX_TEST_PERCENT);
        testPercent.setStepButtonsVisible(true);
        testPercent.setValueChangeMode(ValueChangeMode.EAGER);
        // The campaign rules judge the share and name the problem; the field's own check would only echo it.
        testPercent.setManualValidation(true);
        waitMinutes.setLabel(getTranslation("composer.abTest.wait"));
        waitMinutes.setItemLabelGenerator(this::waitLabel);
        explanation.addClassName("ab-test-explanation");
        untracked.addClassName("ab-test-untracked");
        untracked.setText(getTranslation("composer.abTest.untracked"));
        untracked.setVisible(false);
        HorizontalLayout versionBar = new HorizontalLayout(tabs, addVersion, removeVersion);
        versionBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        versionBar.setWrap(true);
        FormLayout timing = new FormLayout(testPercent, waitMinutes);
        timing.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        test.add(versionBar, versionProblems, timing, new Div(explanation), new Div(untracked));
        add(enabled, test);
        tabs.addSelectedChangeListener(change -> {
            if (!rebuilding && tabs.getSelectedIndex() >= 0) {
                show(tabs.getSelectedIndex());
            }
        });
        enabled.addValueChangeListener(change -> switched(change.getValue()));
        testPercent.addValueChangeListener(change -> explain());
        load(null);
    }

    /** The test as the form states it, the fields' wording being the shown version's; null while off. */
    @Nullable AbTest value() {
        if (!enabled.getValue()) {
            return null;
        }
        List<ContentVersion> all = all();
        return new AbTest(testPercent.getValue() == null ? 0 : testPercent.getValue(),
                waitMinutes.getValue() == null ? 0 : waitMinutes.getValue(), all.subList(1, all.size()));
    }

    /** Version A's wording: the campaign's own content, whichever version the fields show. */
    ContentVersion versionA() {
        return shown == 0 ? shownWording.get() : versions.get(0);
    }

    /** Which version the composer's wording fields hold: 0 for A, 1 for B, ... */
    int shown() {
        return shown;
    }

    /** Shows a stored test beside the fields' wording (version A), A selected; null switches it off. */
    void load(@Nullable AbTest stored) {
        versions.clear();
        shown = 0;
        if (stored != null) {
            versions.add(shownWording.get());
            versions.addAll(stored.versions());
            // The rules ask for the same languages, not the same order: the fields show them in A's.
            followLocales();
        }
        enabled.setValue(stored != null);
        testPercent.setValue(stored == null ? AbTest.DEFAULT_TEST_PERCENT : stored.testPercent());
        int wait = stored == null ? AbTest.DEFAULT_WAIT_MINUTES : stored.waitMinutes();
        waitMinutes.setItems(Stream.concat(WAITS.stream(), Stream.of(wait)).distinct().sorted().toList());
        waitMinutes.setValue(wait);
        rebuildTabs();
        showTest();
    }

    /**
     * Whether a test may be switched on: only for a composed alert to devices that is not sent at each
     * device's local time; otherwise {@code whyNot} says why. A test left on stays visible so it can be
     * switched off; the rules name the problem until it is.
     *
     * @param composedAlert whether the campaign is a composed alert to devices, where a test is in place at all
     */
    void allow(boolean composedAlert, @Nullable String whyNot) {
        boolean on = enabled.getValue();
        setVisible(composedAlert || on);
        enabled.setEnabled(whyNot == null || on);
        enabled.setHelperText(whyNot == null ? getTranslation("composer.abTest.help") : whyNot);
    }

    /** Warns that the winner cannot be judged by opens when the campaign does not count them. */
    void warnUntracked(boolean opensUntracked) {
        untracked.setVisible(opensUntracked);
    }

    /** Called when another version is shown, or one is added or removed. */
    void onVersionsChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Every input whose change changes the draft without changing the versions. */
    List<HasValue<?, ?>> inputs() {
        return List.of(enabled, testPercent, waitMinutes);
    }

    /** The inputs by the JSON path the campaign rules name their problems with. */
    Map<String, HasValidationProperties> fieldsByPath() {
        return Map.of("abTest", enabled, "abTest.testPercent", testPercent, "abTest.waitMinutes", waitMinutes);
    }

    /**
     * Marks the tabs of versions with problems and lists the shown version's problems under the tabs
     * (a version's wording has no field of its own: the fields are shared by all versions).
     */
    void showProblems(List<FieldError> errors, Locale locale) {
        versionProblems.removeAll();
        for (int i = 0; i < tabs.getTabCount(); i++) {
            tabs.getTabAt(i).removeClassName("invalid");
        }
        for (FieldError error : errors) {
            Matcher matcher = VERSION_PATH.matcher(error.field());
            int version = matcher.matches() ? Integer.parseInt(matcher.group(1)) + 1 : -1;
            if (version > 0 && version < tabs.getTabCount()) {
                tabs.getTabAt(version).addClassName("invalid");
                if (version == shown) {
                    versionProblems.add(new Div(describe(error, error.message(locale))));
                }
            }
        }
    }

    /**
     * A problem's message as the composer's list shows it: one of a version's wording, or of version
     * A's languages or size while a test is on, says which version and language it is about.
     */
    String describe(FieldError error, String message) {
        Matcher version = VERSION_PATH.matcher(error.field());
        boolean own = error.field().startsWith("variants[") || error.field().equals("notification");
        if (!version.matches() && !(own && enabled.getValue())) {
            return message;
        }
        String letter = AbTest.letter(version.matches() ? Integer.parseInt(version.group(1)) + 1 : 0);
        Matcher variant = VARIANT_PATH.matcher(error.field());
        Optional<String> tag = variant.matches() ? localeAt(Integer.parseInt(variant.group(1))) : Optional.empty();
        String about = tag.map(t -> getTranslation("composer.abTest.version-locale", letter, t))
                .orElseGet(() -> getTranslation("composer.abTest.version", letter));
        return getTranslation("composer.abTest.problem", about, message);
    }

    /**
     * Adds a language the fields now have to every other version, empty, and drops one they no longer
     * have, so that every version words the same languages.
     */
    void followLocales() {
        List<ContentVariant> current = shownWording.get().variants();
        for (int i = 0; i < versions.size(); i++) {
            if (i != shown) {
                ContentVersion other = versions.get(i);
                List<ContentVariant> matched = current.stream()
                        .map(variant -> wordingFor(other, variant.locale())).toList();
                versions.set(i, new ContentVersion(other.title(), other.subtitle(), other.body(), matched));
            }
        }
    }

    private static ContentVariant wordingFor(ContentVersion version, String locale) {
        return version.variants().stream()
                .filter(v -> LocaleMatch.normalize(v.locale()).equals(LocaleMatch.normalize(locale)))
                .findFirst().orElseGet(() -> new ContentVariant(locale, "", "", ""));
    }

    private Optional<String> localeAt(int index) {
        List<ContentVariant> current = shownWording.get().variants();
        return index < current.size() ? Optional.of(current.get(index).locale()) : Optional.empty();
    }

    private List<ContentVersion> all() {
        List<ContentVersion> all = new ArrayList<>(versions);
        all.set(shown, shownWording.get());
        return all;
    }

    private void switched(boolean on) {
        if (on && versions.size() < 2) {
            versions.clear();
            versions.add(shownWording.get());
            rebuildTabs();
            addVersion();
        } else if (!on && shown != 0) {
            // The fields go back to the campaign's own wording; the versions stay for switching on again.
            show(0);
        }
        showTest();
    }

    private void addVersion() {
        if (versions.size() >= AbTest.MAX_VERSIONS) {
            return;
        }
        ContentVersion copy = shownWording.get();
        versions.set(shown, copy);
        versions.add(copy);
        rebuildTabs();
        show(versions.size() - 1);
    }

    private void removeShown() {
        if (shown == 0 || versions.size() <= 2) {
            return;
        }
        versions.remove(shown);
        shown = shown - 1;
        showWording.accept(versions.get(shown));
        rebuildTabs();
        changed();
    }

    /** Keeps what the fields hold as the version being left and puts {@code version}'s wording in them. */
    private void show(int version) {
        if (version == shown || version >= versions.size()) {
            return;
        }
        versions.set(shown, shownWording.get());
        shown = version;
        showWording.accept(versions.get(version));
        selectShown();
        showButtons();
        changed();
    }

    /** One tab per version, lettered by its place, so removing one re-letters those after it. */
    private void rebuildTabs() {
        rebuilding = true;
        tabs.removeAll();
        for (int i = 0; i < Math.max(versions.size(), 1); i++) {
            Tab tab = new Tab(AbTest.letter(i));
            tab.setTooltipText(getTranslation("composer.abTest.version", AbTest.letter(i)));
            tabs.add(tab);
        }
        rebuilding = false;
        selectShown();
        showButtons();
    }

    private void selectShown() {
        rebuilding = true;
        tabs.setSelectedIndex(shown);
        rebuilding = false;
    }

    private void showButtons() {
        addVersion.setEnabled(versions.size() < AbTest.MAX_VERSIONS);
        removeVersion.setVisible(shown > 0 && versions.size() > 2);
        removeVersion.setText(getTranslation("composer.abTest.remove", AbTest.letter(shown)));
        explain();
    }

    private void showTest() {
        test.setVisible(enabled.getValue());
    }

    private void explain() {
        Integer percent = testPercent.getValue();
        explanation.setText(getTranslation("composer.abTest.explain", percent == null ? 0 : percent,
                Math.max(versions.size(), 2)));
    }

    private String waitLabel(int minutes) {
        return minutes % 60 == 0 ? getTranslation("composer.abTest.wait.hours", minutes / 60)
                : getTranslation("composer.abTest.wait.minutes", minutes);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
