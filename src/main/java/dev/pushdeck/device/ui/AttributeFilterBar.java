package dev.pushdeck.device.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValueContext;
import dev.pushdeck.device.AttributeFilter;
import dev.pushdeck.device.AttributeFilter.Attribute;
import dev.pushdeck.device.AttributeFilter.Operator;
import dev.pushdeck.device.AttributeFilters;
import dev.pushdeck.shared.error.ValidationException.FieldError;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.shared.ui.ViewerZone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The device list's filters on what the app reports (docs/decisions/051-device-attributes.md):
 * each applied filter is a chip that removes it, and "Add filter" asks for one in a small dialog,
 * checked by {@link AttributeFilters#check} before it applies. All must hold. Times are read in the
 * viewer's zone; a property value is typed by {@link AttributeFilters#propertyValue}, as in the API.
 * The composer's audience rows are richer (several values, key suggestions); this bar only needs one
 * condition at a time.
 */
final class AttributeFilterBar extends HorizontalLayout {

    private final List<AttributeFilter> filters = new ArrayList<>();
    private final Runnable onChange;
    private final Button add = new Button();

    /** @param onChange runs after a filter was applied or removed */
    AttributeFilterBar(Runnable onChange) {
        this.onChange = onChange;
        addClassName("attribute-filters");
        setWrap(true);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add.setText(getTranslation("device.attributes.add"));
        add.setIcon(VaadinIcon.FILTER.create());
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.setId("add-attribute-filter");
        add.addClickListener(click -> new FilterDialog().open());
        add(add);
    }

    /** The applied filters, each already checked. */
    List<AttributeFilter> value() {
        return List.copyOf(filters);
    }

    private void apply(AttributeFilter filter) {
        filters.add(filter);
        showChips();
        onChange.run();
    }

    private void showChips() {
        removeAll();
        for (AttributeFilter filter : filters) {
            String text = describe(filter);
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
                filters.remove(filter);
                showChips();
                onChange.run();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel(getTranslation("device.attributes.remove", text));
            Span chip = new Span(new Span(text), remove);
            chip.getElement().getThemeList().add("badge pill contrast");
            chip.addClassName("attribute-filter");
            add(chip);
        }
        add(add);
    }

    /** "App version after 2.1", "plan is gold", "Last seen within the last 7 days". */
    private String describe(AttributeFilter filter) {
        Attribute attribute = filter.checkedAttribute();
        Operator operator = filter.checkedOperator();
        String what = attribute == Attribute.PROPERTY ? Objects.requireNonNull(filter.key())
                : getTranslation("device.attributes.attribute." + attribute.name());
        String how = getTranslation("device.attributes.operator." + operator.name());
        Object value = filter.values().get(0);
        if (operator == Operator.WITHIN_DAYS) {
            return getTranslation("device.attributes.chip.days", what, how, value);
        }
        String shown = value instanceof Instant instant ? Times.format(instant, this) : String.valueOf(value);
        return what + " " + how + " " + shown;
    }

    /** Asks for one filter; applies it only once the check finds nothing wrong. */
    private final class FilterDialog extends Dialog {

        private final Select<Attribute> attribute = new Select<>();
        private final Select<Operator> operator = new Select<>();
        private final TextField key = new TextField(getTranslation("device.attributes.key"));
        private final TextField text = new TextField(getTranslation("device.attributes.value"));
        private final IntegerField days = new IntegerField(getTranslation("device.attributes.days"));
        private final DateTimePicker date = new DateTimePicker(getTranslation("device.attributes.date"));

        FilterDialog() {
            setHeaderTitle(getTranslation("device.attributes.title"));
            attribute.setLabel(getTranslation("device.attributes.attribute"));
            attribute.setId("attribute-filter-attribute");
            attribute.setItems(Attribute.values());
            attribute.setItemLabelGenerator(a -> getTranslation("device.attributes.attribute." + a.name()));
            operator.setLabel(getTranslation("device.attributes.operator"));
            operator.setId("attribute-filter-operator");
            operator.setItemLabelGenerator(o -> getTranslation("device.attributes.operator." + o.name()));
            key.setId("attribute-filter-key");
            text.setId("attribute-filter-value");
            days.setId("attribute-filter-days");
            days.setMin(1);
            days.setMax(AttributeFilters.MAX_DAYS);
            date.setId("attribute-filter-date");
            attribute.addValueChangeListener(e -> offerOperators());
            operator.addValueChangeListener(e -> showValueField());
            attribute.setValue(Attribute.APP_VERSION);
            FormLayout form = new FormLayout(attribute, operator, key, text, days, date);
            form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
            add(form);
            Button apply = new Button(getTranslation("device.attributes.apply"), click -> apply());
            apply.setId("apply-attribute-filter");
            apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(new Button(getTranslation("device.attributes.cancel"), click -> close()), apply);
        }

        /** The list compares one value at a time, so IN is left to the composer and the API. */
        private void offerOperators() {
            Attribute chosen = attribute.getValue();
            List<Operator> offered = chosen == null ? List.of()
                    : chosen.operators().stream().filter(o -> !o.many()).toList();
            operator.setItems(offered);
            operator.setValue(offered.isEmpty() ? null : offered.get(0));
            key.setVisible(chosen == Attribute.PROPERTY);
            text.setHelperText(chosen == Attribute.PROPERTY ? getTranslation("device.attributes.value-help") : null);
        }

        private void showValueField() {
            boolean lastSeen = attribute.getValue() == Attribute.LAST_SEEN;
            days.setVisible(lastSeen && operator.getValue() == Operator.WITHIN_DAYS);
            date.setVisible(lastSeen && operator.getValue() != Operator.WITHIN_DAYS);
            text.setVisible(!lastSeen);
        }

        private void apply() {
            List.<HasValidationProperties>of(key, text, days, date).forEach(field -> field.setInvalid(false));
            AttributeFilter given = new AttributeFilter(attribute.getValue(), key.getValue(), operator.getValue(),
                    typed().stream().toList());
            List<FieldError> problems = new ArrayList<>();
            List<AttributeFilter> checked = AttributeFilters.check(List.of(given), "filter", problems);
            if (problems.isEmpty()) {
                AttributeFilterBar.this.apply(checked.get(0));
                close();
                return;
            }
            for (FieldError problem : problems) {
                HasValidationProperties field = problem.field().endsWith(".key") ? key : valueField();
                field.setInvalid(true);
                field.setErrorMessage(problem.message(getLocale()));
            }
        }

        /**
         * The value as typed; none when the field is empty. Days the field cannot read as a whole
         * number are given as text, so the check answers with the range rather than "give a value".
         */
        private Optional<Object> typed() {
            if (days.isVisible()) {
                boolean unreadable = days.getDefaultValidator().apply(days.getValue(), new ValueContext(days))
                        .isError();
                return unreadable && days.getValue() == null ? Optional.of("") : Optional.ofNullable(days.getValue());
            }
            if (date.isVisible()) {
                return Optional.ofNullable(date.getValue())
                        .map(at -> at.atZone(ViewerZone.of(AttributeFilterBar.this)).toInstant());
            }
            return text.getValue().isBlank() ? Optional.empty()
                    : Optional.of(attribute.getValue() == Attribute.PROPERTY
                    ? AttributeFilters.propertyValue(text.getValue()) : text.getValue());
        }

        private HasValidationProperties valueField() {
            return days.isVisible() ? days : date.isVisible() ? date : text;
        }
    }
}
