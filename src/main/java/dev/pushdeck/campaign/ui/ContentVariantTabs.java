package dev.pushdeck.campaign.ui;

import static dev.pushdeck.campaign.ui.ComposerSection.text;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.campaign.ContentVariant;
import dev.pushdeck.campaign.LocaleMatch;
import dev.pushdeck.campaign.internal.VariantRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The composer's content per language (docs/decisions/055-content-per-language.md): a tab for
 * the default content and one per added locale, each locale with its own title, subtitle and
 * body. The default tab's texts are the composer's own fields, which it shows while that tab is
 * selected. A locale is chosen from common tags or typed, and must be a well-formed BCP 47 tag
 * that is not there yet. Each tab can show how many of the audience get it.
 */
final class ContentVariantTabs extends Div {

    /** Tags people pick most; any other well-formed tag can be typed. */
    private static final List<String> SUGGESTED = List.of("zh-CN", "zh-TW", "zh-HK", "zh", "en", "en-US", "en-GB",
            "ja", "ko", "de", "fr", "es", "es-419", "pt-BR", "pt-PT", "it", "ru", "ar", "hi", "id", "th", "vi",
            "tr", "nl", "pl", "sv", "uk");

    final Tabs tabs = new Tabs();
    final Tab defaultTab = new Tab();
    final ComboBox<String> locale = new ComboBox<>();
    final Button add = new Button();
    /** The editors of the added locales, in the tabs' order after the default. */
    private final List<Editor> editors = new ArrayList<>();
    private final Div editorsHolder = new Div();
    private final HorizontalLayout adding;
    private final List<Runnable> contentListeners = new ArrayList<>();
    private final List<Runnable> selectionListeners = new ArrayList<>();
    private final List<Runnable> localeListeners = new ArrayList<>();
    private List<Long> counts = List.of();

    /** One added locale: its tab and its texts. */
    final class Editor extends FormLayout {
        final String tag;
        final Tab tab = new Tab();
        final TextField title = new TextField();
        final TextField subtitle = new TextField();
        final TextArea body = new TextArea();
        final Button remove = new Button();

        Editor(String tag) {
            this.tag = tag;
            title.setLabel(getTranslation("composer.title"));
            subtitle.setLabel(getTranslation("composer.subtitle"));
            body.setLabel(getTranslation("composer.body"));
            remove.setText(getTranslation("composer.variants.remove", tag));
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            remove.addClickListener(click -> removeEditor(this));
            add(title, subtitle, body, remove);
            setColspan(body, 2);
            setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("32em", 2));
            for (HasValue<?, ?> input : List.of(title, subtitle, body)) {
                input.addValueChangeListener(change -> fire(contentListeners));
            }
        }

        ContentVariant value() {
            return new ContentVariant(tag, title.getValue(), subtitle.getValue(), body.getValue());
        }
    }

    ContentVariantTabs() {
        addClassName("content-variants");
        getElement().setAttribute("colspan", "2");
        defaultTab.setLabel(getTranslation("composer.variants.default"));
        tabs.add(defaultTab);
        tabs.addSelectedChangeListener(change -> {
            showSelected();
            fire(selectionListeners);
        });
        locale.setPlaceholder(getTranslation("composer.variants.locale"));
        locale.setAriaLabel(getTranslation("composer.variants.locale"));
        locale.setItems(SUGGESTED);
        // The tag itself is what is stored and matched; its name in the viewer's language helps pick it.
        locale.setItemLabelGenerator(tag -> tag + " · " + Locale.forLanguageTag(tag).getDisplayName(getLocale()));
        locale.setAllowCustomValue(true);
        locale.addCustomValueSetListener(typed -> locale.setValue(typed.getDetail()));
        locale.setHelperText(getTranslation("composer.variants.help"));
        add.setText(getTranslation("composer.variants.add"));
        add.addClickListener(click -> addLocale());
        adding = new HorizontalLayout(locale, add);
        adding.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(tabs, adding, editorsHolder);
    }

    /** The variants as the form states them, in the tabs' order. */
    List<ContentVariant> value() {
        return editors.stream().map(Editor::value).toList();
    }

    /** Shows stored variants, the default tab selected. */
    void load(List<ContentVariant> stored) {
        new ArrayList<>(editors).forEach(this::dropEditor);
        stored.forEach(variant -> show(addEditor(variant.locale()), variant));
        tabs.setSelectedTab(defaultTab);
        fire(localeListeners);
    }

    /**
     * Shows another wording of the same languages (an A/B test's version) and keeps the selected tab
     * and the counts; wording of other languages is loaded as {@link #load} does.
     */
    void reword(List<ContentVariant> wording) {
        if (!wording.stream().map(ContentVariant::locale).toList()
                .equals(editors.stream().map(editor -> editor.tag).toList())) {
            int selected = selected();
            load(wording);
            tabs.setSelectedIndex(selected <= editors.size() ? selected : 0);
            return;
        }
        for (int i = 0; i < editors.size(); i++) {
            show(editors.get(i), wording.get(i));
        }
    }

    /** The editors of the added locales, in the tabs' order. */
    List<Editor> editors() {
        return List.copyOf(editors);
    }

    /** 0 while the default content is selected, else the selected variant's number (1 for the first). */
    int selected() {
        return tabs.getSelectedIndex() < 0 ? 0 : tabs.getSelectedIndex();
    }

    /** Whether a locale may be added: only composed alerts to devices have variants; otherwise says why. */
    void allowAdding(boolean allowed, @Nullable String whyNot) {
        locale.setEnabled(allowed);
        add.setEnabled(allowed);
        locale.setHelperText(allowed ? getTranslation("composer.variants.help") : whyNot);
    }

    /** Called when a variant's text changes. */
    void onContentChange(Runnable listener) {
        contentListeners.add(listener);
    }

    /** Called when another tab is selected. */
    void onSelect(Runnable listener) {
        selectionListeners.add(listener);
    }

    /** Called when a locale is added or removed. */
    void onLocalesChange(Runnable listener) {
        localeListeners.add(listener);
    }

    /** How many of the audience get each content (0 the default), as the tabs' labels show; empty hides them. */
    void showCounts(List<Long> perVariant) {
        counts = perVariant;
        labelTabs();
    }

    private void addLocale() {
        String tag = locale.getValue() == null ? "" : locale.getValue().strip().replace('_', '-');
        String problem = tag.isEmpty() || tag.length() > VariantRules.MAX_LOCALE || !LocaleMatch.wellFormed(tag)
                ? getTranslation("campaign.variant.locale.invalid")
                : editors.stream().anyMatch(e -> LocaleMatch.normalize(e.tag).equals(LocaleMatch.normalize(tag)))
                ? getTranslation("campaign.variant.locale.duplicate", tag)
                : editors.size() >= VariantRules.MAX_VARIANTS
                ? getTranslation("campaign.variants.too-many", VariantRules.MAX_VARIANTS) : null;
        locale.setInvalid(problem != null);
        locale.setErrorMessage(problem);
        if (problem != null) {
            return;
        }
        locale.clear();
        Editor editor = addEditor(tag);
        tabs.setSelectedTab(editor.tab);
        editor.title.focus();
        fire(localeListeners);
        fire(contentListeners);
    }

    private static void show(Editor editor, ContentVariant variant) {
        editor.title.setValue(text(variant.title()));
        editor.subtitle.setValue(text(variant.subtitle()));
        editor.body.setValue(text(variant.body()));
    }

    private Editor addEditor(String tag) {
        Editor editor = new Editor(tag);
        editors.add(editor);
        tabs.add(editor.tab);
        editorsHolder.add(editor);
        counts = List.of();
        labelTabs();
        showSelected();
        return editor;
    }

    private void removeEditor(Editor editor) {
        dropEditor(editor);
        tabs.setSelectedTab(defaultTab);
        fire(localeListeners);
        fire(contentListeners);
    }

    private void dropEditor(Editor editor) {
        editors.remove(editor);
        tabs.remove(editor.tab);
        editorsHolder.remove(editor);
        counts = List.of();
        labelTabs();
    }

    private void showSelected() {
        int selected = selected();
        for (int i = 0; i < editors.size(); i++) {
            editors.get(i).setVisible(selected == i + 1);
        }
    }

    private void labelTabs() {
        defaultTab.setLabel(label(getTranslation("composer.variants.default"), 0));
        for (int i = 0; i < editors.size(); i++) {
            editors.get(i).tab.setLabel(label(editors.get(i).tag, i + 1));
        }
    }

    private String label(String name, int variant) {
        return counts.size() > variant
                ? getTranslation("composer.variants.tab-count", name, counts.get(variant)) : name;
    }

    private static void fire(List<Runnable> listeners) {
        listeners.forEach(Runnable::run);
    }
}
