package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.campaign.FilterText;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.device.ReportedProperty;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The audience's attribute filters in the composer: one row per filter (what it looks at, the
 * property's key with suggestions from what the app's devices report, the condition and the
 * value), added and removed freely. Every filter must hold (docs/decisions/051-device-attributes.md).
 * Times are read in the composer's zone. A property value is read as the kind most devices report
 * for its key (text, number or boolean); for a key nobody reports yet, {@code true}/{@code false}
 * are booleans, numbers numbers and anything else text.
 */
final class AudienceFilterRows extends Div {

    private static final String PATH = "audience.filters";
    private static final Pattern ROW_PATH = Pattern.compile("audience\\.filters\\[(\\d+)]\\.(\\w+).*");

    final Button add = new Button();
    private final Div rowList = new Div();
    private final List<Row> rows = new ArrayList<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private final Supplier<ZoneId> zone;
    private Map<String, String> kinds = Map.of();

    /** @param zone the zone the composer reads times in */
    AudienceFilterRows(Supplier<ZoneId> zone) {
        this.zone = zone;
        addClassName("audience-filters");
        // Both columns of the audience section's form layout.
        getElement().setAttribute("colspan", "2");
        Span heading = new Span(getTranslation("composer.filters"));
        heading.addClassName("audience-filters-heading");
        Span help = new Span(getTranslation("composer.filters.help"));
        help.addClassName("audience-filters-help");
        add.setText(getTranslation("composer.filters.add"));
        add.setIcon(VaadinIcon.PLUS.create());
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.addClickListener(e -> {
            addRow(null);
            changed();
        });
        add(heading, help, rowList, add);
    }

    /** Runs {@code listener} whenever a filter is added, removed or changed. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Offers the property keys the chosen app's devices report. */
    void suggest(List<ReportedProperty> reported) {
        kinds = reported.stream().collect(Collectors.toMap(ReportedProperty::key, ReportedProperty::kind));
        rows.forEach(Row::offerKeys);
    }

    /** The filters as the rows state them, incomplete ones included (the rules name what is missing). */
    List<AttributeFilter> value() {
        return rows.stream().map(Row::value).toList();
    }

    /** Replaces the rows with a stored campaign's filters, without telling the listeners. */
    void load(List<AttributeFilter> filters) {
        rows.clear();
        rowList.removeAll();
        filters.forEach(this::addRow);
    }

    /**
     * Marks the rows' fields with their problems: a row's own once it was changed, every one when
     * {@code all}. Answers the problems the composer should list (those shown, and those about the
     * filters as a whole).
     */
    List<FieldError> showProblems(List<FieldError> errors, boolean all) {
        rows.forEach(Row::clearProblems);
        List<FieldError> shown = new ArrayList<>();
        for (FieldError error : errors) {
            Matcher matcher = ROW_PATH.matcher(error.field());
            if (!matcher.matches()) {
                if (error.field().equals(PATH)) {
                    shown.add(error);
                }
                continue;
            }
            int index = Integer.parseInt(matcher.group(1));
            Row row = index < rows.size() ? rows.get(index) : null;
            if (row != null && (all || row.touched)) {
                row.showProblem(matcher.group(2), error.message(getLocale()));
                shown.add(error);
            }
        }
        return shown;
    }

    /** Whether {@code field} names a filter problem, which {@link #showProblems} deals with. */
    static boolean isFilterField(String field) {
        return field.equals(PATH) || field.startsWith(PATH + "[");
    }

    private void addRow(@Nullable AttributeFilter filter) {
        Row row = new Row();
        rows.add(row);
        rowList.add(row);
        if (filter != null) {
            row.load(filter);
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** One filter: attribute, key, condition, value, and a button that removes it. */
    final class Row extends HorizontalLayout {

        final Select<Attribute> attribute = new Select<>();
        final ComboBox<String> key = new ComboBox<>();
        final Select<Operator> operator = new Select<>();
        /** Versions and property values; several separated by commas for "is one of". */
        final TextField text = new TextField();
        final DateTimePicker when = new DateTimePicker();
        final IntegerField days = new IntegerField();
        final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        private boolean touched;
        private boolean loading;

        Row() {
            addClassName("audience-filter-row");
            setWrap(true);
            setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            attribute.setLabel(getTranslation("composer.filters.attribute"));
            attribute.setItems(Arrays.asList(Attribute.values()));
            attribute.setItemLabelGenerator(a -> FilterText.attribute(a, getLocale()));
            attribute.setValue(Attribute.APP_VERSION);
            key.setLabel(getTranslation("composer.filters.key"));
            key.setAllowCustomValue(true);
            key.addCustomValueSetListener(e -> offerKeys(e.getDetail().strip()));
            offerKeys();
            operator.setLabel(getTranslation("composer.filters.operator"));
            operator.setItemLabelGenerator(o -> FilterText.operator(attribute.getValue(), o, getLocale()));
            text.setValueChangeMode(ValueChangeMode.EAGER);
            when.setLabel(getTranslation("composer.filters.when"));
            days.setLabel(getTranslation("composer.filters.days"));
            days.setMin(1);
            days.setValueChangeMode(ValueChangeMode.EAGER);
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("composer.filters.remove"));
            remove.addClickListener(e -> {
                rows.remove(this);
                rowList.remove(this);
                changed();
            });
            add(attribute, key, operator, text, when, days, remove);
            showOperators();
            attribute.addValueChangeListener(e -> {
                showOperators();
                edited(e);
            });
            List<HasValue<?, ?>> inputs = List.of(key, operator, text, when, days);
            inputs.forEach(input -> input.addValueChangeListener(e -> {
                showFields();
                edited(e);
            }));
        }

        private void edited(HasValue.ValueChangeEvent<?> change) {
            if (loading) {
                return;
            }
            touched |= change.isFromClient();
            changed();
        }

        void offerKeys() {
            offerKeys(key.getValue());
        }

        /** The reported keys, and {@code chosen} (which may be one no device reports yet) selected. */
        private void offerKeys(String chosen) {
            List<String> offered = new ArrayList<>(kinds.keySet().stream().sorted().toList());
            if (chosen != null && !chosen.isBlank() && !offered.contains(chosen)) {
                offered.add(chosen);
            }
            boolean wasLoading = loading;
            loading = true;
            key.setItems(offered);
            loading = wasLoading;
            key.setValue(chosen == null || chosen.isBlank() ? null : chosen);
        }

        /** The attribute's operators, keeping the chosen one where it still applies. */
        private void showOperators() {
            Operator chosen = operator.getValue();
            List<Operator> allowed = List.copyOf(attribute.getValue().operators());
            operator.setItems(allowed);
            operator.setValue(chosen != null && allowed.contains(chosen) ? chosen : allowed.get(0));
            showFields();
        }

        private void showFields() {
            Attribute looksAt = attribute.getValue();
            Operator comparing = operator.getValue();
            boolean lastSeen = looksAt == Attribute.LAST_SEEN;
            key.setVisible(looksAt == Attribute.PROPERTY);
            text.setVisible(!lastSeen);
            when.setVisible(lastSeen && comparing != Operator.WITHIN_DAYS);
            days.setVisible(lastSeen && comparing == Operator.WITHIN_DAYS);
            boolean many = comparing != null && comparing.many();
            String label = looksAt == Attribute.APP_VERSION ? many ? "composer.filters.versions" : "composer.filters.version"
                    : many ? "composer.filters.values" : "composer.filters.value";
            text.setLabel(getTranslation(label));
        }

        AttributeFilter value() {
            Attribute looksAt = attribute.getValue();
            Operator comparing = operator.getValue();
            String propertyKey = looksAt == Attribute.PROPERTY ? key.getValue() : null;
            List<Object> values = switch (looksAt) {
                case LAST_SEEN -> comparing == Operator.WITHIN_DAYS
                        ? Optional.ofNullable(days.getValue()).map(List::<Object>of).orElse(List.of())
                        : Optional.ofNullable(when.getValue()).map(at -> List.<Object>of(at.atZone(zone.get())
                        .toInstant())).orElse(List.of());
                case APP_VERSION -> parts().stream().map(part -> (Object) part).toList();
                case PROPERTY -> parts().stream().map(part -> propertyValue(propertyKey, comparing, part)).toList();
            };
            return new AttributeFilter(looksAt, propertyKey, comparing, values);
        }

        private List<String> parts() {
            return Arrays.stream(text.getValue().split(",")).map(String::strip).filter(part -> !part.isEmpty())
                    .toList();
        }

        /** The typed text as the kind of value the key holds (see the class comment). */
        private Object propertyValue(@Nullable String propertyKey, Operator comparing, String part) {
            String kind = propertyKey == null ? null : kinds.get(propertyKey);
            boolean numeric = comparing == Operator.BEFORE || comparing == Operator.AFTER || "number".equals(kind)
                    || kind == null;
            if (numeric) {
                try {
                    return new BigDecimal(part);
                } catch (NumberFormatException notANumber) {
                    // Text after all; a before/after filter then names the problem.
                }
            }
            boolean flag = "true".equals(part) || "false".equals(part);
            if (flag && ("boolean".equals(kind) || kind == null)) {
                return Boolean.parseBoolean(part);
            }
            return part;
        }

        void load(AttributeFilter filter) {
            loading = true;
            attribute.setValue(filter.attribute());
            if (filter.key() != null) {
                offerKeys(filter.key());
            }
            operator.setValue(filter.operator());
            Object first = filter.values().isEmpty() ? null : filter.values().get(0);
            if (first instanceof Instant at) {
                when.setValue(at.atZone(zone.get()).toLocalDateTime());
            } else if (first instanceof Integer count) {
                days.setValue(count);
            } else {
                text.setValue(filter.values().stream().map(FilterText::value).collect(Collectors.joining(", ")));
            }
            showFields();
            loading = false;
        }

        void clearProblems() {
            List.<HasValidationProperties>of(key, operator, text, when, days).forEach(field -> field.setInvalid(false));
        }

        void showProblem(String part, String message) {
            HasValidationProperties field = switch (part) {
                case "key" -> key;
                case "operator", "attribute" -> operator;
                default -> days.isVisible() ? days : when.isVisible() ? when : text;
            };
            field.setInvalid(true);
            field.setErrorMessage(message);
        }
    }
}
