package dev.pushdeck.audit.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import dev.pushdeck.audit.AuditEntry;
import dev.pushdeck.audit.AuditFilter;
import dev.pushdeck.audit.AuditLog;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.shared.ui.ViewerZone;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The team's audit log for admins: newest first, loaded lazily page by page, filtered by
 * action, actor and date range (days in the viewer's zone, as every time here is shown).
 */
@Route("audit")
@Menu(order = 95, icon = "vaadin:archive", title = "nav.audit")
@RolesAllowed("ADMIN")
class AuditLogView extends VerticalLayout implements HasDynamicTitle {

    private static final Pattern ROLE_NAME = Pattern.compile("\\b(OWNER|ADMIN|EDITOR|VIEWER)\\b");

    private final transient AuditLog audit;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final ComboBox<String> action = new ComboBox<>();
    private final TextField actor = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();

    AuditLogView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        configureFilters();
        configureGrid();
        HorizontalLayout filters = new HorizontalLayout(action, actor, from, to);
        filters.addClassName("filter-bar");
        add(new H2(getTranslation("nav.audit")), filters, grid);
    }

    private void configureFilters() {
        action.setLabel(getTranslation("audit.filter.action"));
        action.setItems(audit.actions());
        action.setItemLabelGenerator(this::actionLabel);
        action.setClearButtonVisible(true);
        actor.setLabel(getTranslation("audit.filter.actor"));
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setClearButtonVisible(true);
        String zone = ViewerZone.of(this).getId();
        from.setLabel(getTranslation("audit.filter.from", zone));
        to.setLabel(getTranslation("audit.filter.to", zone));
        action.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        actor.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
    }

    private void configureGrid() {
        grid.addColumn(entry -> Times.format(entry.occurredAt(), this)).setHeader(getTranslation("audit.time"))
                .setWidth("9em").setFlexGrow(1);
        grid.addColumn(AuditEntry::actor).setHeader(getTranslation("audit.actor")).setWidth("10em").setFlexGrow(1);
        grid.addColumn(entry -> actionLabel(entry.action())).setHeader(getTranslation("audit.action"))
                .setWidth("9em").setFlexGrow(1);
        grid.addColumn(AuditEntry::target).setHeader(getTranslation("audit.target"));
        grid.addColumn(entry -> details(entry.details())).setHeader(getTranslation("audit.details"));
        grid.addColumn(AuditEntry::clientAddress).setHeader(getTranslation("audit.address")).setWidth("7em")
                .setFlexGrow(0);
        grid.setItems(query -> audit.search(filter(), query.getOffset(), query.getLimit()).stream());
        grid.setEmptyStateText(getTranslation("audit.empty"));
        grid.setSizeFull();
    }

    private AuditFilter filter() {
        return new AuditFilter(action.getValue(), actor.getValue(), startOf(from.getValue()),
                to.getValue() == null ? null : startOf(to.getValue().plusDays(1)));
    }

    private @Nullable Instant startOf(@Nullable LocalDate day) {
        return day == null ? null : day.atStartOfDay(ViewerZone.of(this)).toInstant();
    }

    /**
     * Details are stored in no language; the role names in them (a member's or a token's role)
     * are shown in the reader's words, like everywhere else in the console.
     */
    private @Nullable String details(@Nullable String stored) {
        return stored == null ? null : ROLE_NAME.matcher(stored).replaceAll(
                match -> Matcher.quoteReplacement(getTranslation("role." + match.group().toLowerCase(Locale.ROOT))));
    }

    private String actionLabel(String actionName) {
        String label = getTranslation("audit.action." + actionName);
        return label.startsWith("!") ? actionName : label;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.audit") + " · " + getTranslation("app.name");
    }
}
