package dev.pushdeck.device.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.DeviceFilter;
import dev.pushdeck.device.DeviceStatus;
import org.jspecify.annotations.Nullable;

/**
 * The devices list's filters: environment, status, a tag, a search over token and alias, and what
 * the app reports ({@link AttributeFilterBar}). They wrap behind the view's app picker, which
 * leads the bar; any change asks the list to refresh.
 */
final class DeviceFilterBar extends HorizontalLayout {

    private final Select<ApnsEnvironment> environment = new Select<>();
    private final Select<DeviceStatus> status = new Select<>();
    private final TextField tag = new TextField();
    private final TextField search = new TextField();
    private final AttributeFilterBar attributes;

    /**
     * @param leading  what stands before the filters (the app picker)
     * @param onChange called whenever a filter changes
     */
    DeviceFilterBar(Component leading, Runnable onChange) {
        attributes = new AttributeFilterBar(onChange);
        environment.setLabel(getTranslation("device.field.environment"));
        environment.setEmptySelectionAllowed(true);
        environment.setEmptySelectionCaption(getTranslation("device.filter.any"));
        environment.setItems(ApnsEnvironment.values());
        environment.setItemLabelGenerator(env -> env == null ? getTranslation("device.filter.any")
                : getTranslation("device.environment." + env.wire()));
        status.setLabel(getTranslation("device.field.status"));
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("device.filter.any"));
        status.setItems(DeviceStatus.values());
        status.setItemLabelGenerator(s -> s == null ? getTranslation("device.filter.any")
                : getTranslation("device.status." + s.name().toLowerCase()));
        tag.setLabel(getTranslation("device.field.tag"));
        tag.setValueChangeMode(ValueChangeMode.LAZY);
        search.setLabel(getTranslation("device.filter.search"));
        search.setPlaceholder(getTranslation("device.filter.search-hint"));
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        environment.addValueChangeListener(e -> onChange.run());
        status.addValueChangeListener(e -> onChange.run());
        tag.addValueChangeListener(e -> onChange.run());
        search.addValueChangeListener(e -> onChange.run());
        add(leading, environment, status, tag, search, attributes);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        addClassName("filter-bar");
    }

    /** The filters as chosen, listed in the given order. */
    DeviceFilter filter(DeviceFilter.Order order, boolean descending) {
        return new DeviceFilter(environment.getValue(), status.getValue(), blankToNull(tag.getValue()),
                blankToNull(search.getValue()), order, descending, attributes.value());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
