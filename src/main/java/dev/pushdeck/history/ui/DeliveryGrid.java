package dev.pushdeck.history.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.pushdeck.dispatch.DeliveryStatus;
import dev.pushdeck.history.DeliveryEntry;
import dev.pushdeck.history.DeliveryFilter;
import dev.pushdeck.history.SentWording;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.PhoneWidth;
import dev.pushdeck.shared.ui.Times;
import dev.pushdeck.shared.ui.ViewerZone;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * Deliveries in a lazy grid of undefined size, paged by id ({@link KeysetPager}) so it stays
 * quick however many rows there are, with an optional filter bar, an empty state and an
 * optional CSV download of what the filter selects.
 */
final class DeliveryGrid extends VerticalLayout {

    static final int PAGE_SIZE = 50;
    /** Apple's Push Notifications Console, whose delivery log finds a notification by its apns-unique-id. */
    static final String APPLE_CONSOLE = "https://icloud.developer.apple.com/dashboard/notifications";
    private static final int MAX_PAGE = 500;

    /** A page of deliveries after {@code cursor} in the list's order. */
    interface Source {
        List<DeliveryEntry> page(DeliveryFilter filter, long cursor, int limit);
    }

    /** Writes the filtered deliveries as CSV. */
    interface Export {
        long write(DeliveryFilter filter, Writer out) throws IOException;
    }

    final Grid<DeliveryEntry> grid = new Grid<>();
    final Select<DeliveryStatus> status = new Select<>();
    final TextField reason = new TextField();
    final TextField token = new TextField();
    final TextField alias = new TextField();
    final DateTimePicker from = new DateTimePicker();
    final DateTimePicker to = new DateTimePicker();
    final Div empty = new Div();
    private final transient Source source;
    private final long start;
    private final String emptyKey;
    private Grid.@Nullable Column<DeliveryEntry> leading;
    /** Which version and language each delivery got: shown only once a listed run has variants. */
    final Grid.Column<DeliveryEntry> wording;
    private boolean worded;
    private boolean phone;
    private transient Runnable onAccessLost = () -> { };

    /**
     * @param start    the cursor before the first row: 0 for oldest first, Long.MAX_VALUE for newest first
     * @param emptyKey the words shown when nothing matches and no filter is set
     */
    DeliveryGrid(Source source, long start, String emptyKey) {
        this.source = source;
        this.start = start;
        this.emptyKey = emptyKey;
        setPadding(false);
        wording = configureGrid();
        empty.addClassName("empty-state");
        add(grid, empty);
        refresh();
    }

    /** Adds the status (offering {@code statuses}), reason, token, alias and time filters above the grid. */
    DeliveryGrid withFilters(List<DeliveryStatus> statuses) {
        status.setLabel(getTranslation("history.filter.status"));
        status.setItems(statuses);
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("history.filter.any"));
        status.setItemLabelGenerator(s -> s == null ? getTranslation("history.filter.any")
                : HistoryText.status(this, s));
        reason.setLabel(getTranslation("history.filter.reason"));
        reason.setPlaceholder("Unregistered");
        token.setLabel(getTranslation("history.filter.token"));
        alias.setLabel(getTranslation("history.filter.alias"));
        String zone = ViewerZone.of(this).getId();
        from.setLabel(getTranslation("history.filter.from", zone));
        to.setLabel(getTranslation("history.filter.to", zone));
        for (DateTimePicker picker : List.of(from, to)) {
            picker.addValueChangeListener(e -> refresh());
        }
        for (TextField field : List.of(reason, token, alias)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> refresh());
        }
        status.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(status, reason, token, alias, from, to);
        bar.addClassName("filter-bar");
        bar.setWidthFull();
        // On a phone the six filters would fill the first screen: they fold away until asked for.
        Details folded = new Details(getTranslation("history.filter.title"), bar);
        folded.addClassName("delivery-filters");
        folded.setWidthFull();
        folded.setOpened(true);
        PhoneWidth.follow(folded, phone -> folded.setOpened(!phone));
        addComponentAsFirst(folded);
        return this;
    }

    /** Adds a link that downloads what the current filter selects as CSV. */
    DeliveryGrid withExport(String fileName, Export export) {
        Anchor download = new Anchor(event -> {
            event.setFileName(fileName);
            event.setContentType("text/csv;charset=UTF-8");
            Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
            export.write(filter(), out);
            out.flush();
        }, getTranslation("history.export"));
        download.getElement().setAttribute("download", true);
        download.addClassName("delivery-export");
        add(download);
        return this;
    }

    /** Adds a first column, e.g. the campaign a delivery belonged to. */
    DeliveryGrid withLeadingColumn(String headerKey, Function<DeliveryEntry, Component> cell) {
        leading = grid.addComponentColumn(cell::apply).setHeader(getTranslation(headerKey))
                .setWidth("9em").setFlexGrow(2);
        List<Grid.Column<DeliveryEntry>> order = new java.util.ArrayList<>(grid.getColumns());
        order.remove(leading);
        order.add(0, leading);
        grid.setColumnOrder(order);
        return this;
    }

    /**
     * What to do when a page is refused because the reader may no longer see it; the grid then
     * shows no rows. Runs before the response goes out, not inside the grid's own data fetch.
     */
    DeliveryGrid onAccessLost(Runnable action) {
        onAccessLost = action;
        return this;
    }

    DeliveryFilter filter() {
        return new DeliveryFilter(status.getValue(), blankToNull(reason.getValue()),
                blankToNull(token.getValue().toLowerCase(Locale.ROOT)), blankToNull(alias.getValue()), instant(from),
                instant(to));
    }

    /** Starts the list again from the top with the current filter. */
    void refresh() {
        DeliveryFilter filter = filter();
        KeysetPager<DeliveryEntry> pager = new KeysetPager<>(start, (cursor, limit) -> read(filter, cursor, limit),
                DeliveryEntry::id, MAX_PAGE);
        grid.setItems(query -> pager.fetch(query.getOffset(), query.getLimit()));
        List<DeliveryEntry> first = read(filter, start, 1);
        boolean none = first.isEmpty();
        showWording(!none && first.get(0).wording() != null);
        grid.setVisible(!none);
        empty.setVisible(none);
        empty.setText(getTranslation(filter.isEmpty() ? emptyKey : "history.empty.filtered"));
    }

    /**
     * Every page is read as the current reader; a refusal yields no rows and tells the page. The
     * first page with a delivery of a run with variants brings the wording's column in (a device's
     * or an app's log lists runs of both kinds).
     */
    private List<DeliveryEntry> read(DeliveryFilter filter, long cursor, int limit) {
        try {
            List<DeliveryEntry> page = source.page(filter, cursor, limit);
            if (!worded && page.stream().anyMatch(delivery -> delivery.wording() != null)) {
                getUI().ifPresentOrElse(ui -> ui.beforeClientResponse(this, context -> showWording(true)),
                        () -> showWording(true));
            }
            return page;
        } catch (AccessDeniedException | NotFoundException lost) {
            getUI().ifPresentOrElse(ui -> ui.beforeClientResponse(this, context -> onAccessLost.run()),
                    onAccessLost);
            return List.of();
        }
    }

    /**
     * Status and reason get the room and wrap rather than cut; the numbers are as narrow as they
     * are; the last attempt is the acceptance for an accepted delivery. A phone keeps the
     * leading column, the status (its tooltip gives the reason) and the time, narrower: enough
     * to read who got what, when, without scrolling sideways.
     */
    private Grid.Column<DeliveryEntry> configureGrid() {
        Grid.Column<DeliveryEntry> token = grid.addComponentColumn(this::tokenCell)
                .setHeader(getTranslation("history.column.token")).setWidth("10em").setFlexGrow(0);
        Grid.Column<DeliveryEntry> state = grid.addColumn(this::statusText)
                .setHeader(getTranslation("history.column.status")).setKey("status").setWidth("7em").setFlexGrow(1)
                .setTooltipGenerator(this::statusTooltip);
        Grid.Column<DeliveryEntry> wordingColumn = grid.addColumn(this::wordingText)
                .setHeader(getTranslation("history.column.wording")).setWidth("7em").setFlexGrow(0);
        wordingColumn.setVisible(false);
        Grid.Column<DeliveryEntry> reasonColumn = grid.addColumn(d -> HistoryText.orDash(d.reason()))
                .setHeader(getTranslation("history.column.reason")).setWidth("7em").setFlexGrow(1)
                .setTooltipGenerator(d -> HistoryText.meaning(this, d.reason()));
        List<Grid.Column<DeliveryEntry>> desktopOnly = List.of(token, reasonColumn,
                grid.addColumn(d -> HistoryText.orDash(d.statusCode())).setHeader(getTranslation("history.column.http"))
                        .setWidth("4em").setFlexGrow(0),
                grid.addColumn(DeliveryEntry::attempts).setHeader(getTranslation("history.column.attempts"))
                        .setWidth("5em").setFlexGrow(0),
                grid.addComponentColumn(this::apnsIdsCell).setHeader(getTranslation("history.column.apns-id"))
                        .setWidth("8em").setFlexGrow(1));
        Grid.Column<DeliveryEntry> time = time("history.column.last-attempt", DeliveryEntry::lastAttemptAt);
        grid.setPageSize(PAGE_SIZE);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(false);
        grid.setHeight("32rem");
        PhoneWidth.follow(this, phone -> {
            this.phone = phone;
            desktopOnly.forEach(column -> column.setVisible(!phone));
            wordingColumn.setVisible(worded && !phone);
            state.setWidth(phone ? "6em" : "7em");
            time.setWidth(phone ? "7em" : "8em");
            if (leading != null) {
                leading.setWidth(phone ? "8em" : "9em");
            }
        });
        return wordingColumn;
    }

    /** The wording's column is there for runs with variants only, and like the other details not on a phone. */
    private void showWording(boolean shown) {
        worded = shown;
        wording.setVisible(shown && !phone);
    }

    /** "B · zh", "A", "rest (B) · de", "zh": the version (or the rest's) and the language; blank without variants. */
    private String wordingText(DeliveryEntry delivery) {
        SentWording sent = delivery.wording();
        return sent == null ? "" : HistoryText.wording(this, sent);
    }

    /**
     * The status, then what the app reported of it (received, opened): in the status column rather
     * than columns of their own, so the log still fits 1280 px.
     */
    private String statusText(DeliveryEntry delivery) {
        String status = statusWords(delivery);
        if (delivery.receivedAt() != null) {
            status += " · " + getTranslation("history.column.received");
        }
        if (delivery.openedAt() != null) {
            status += " · " + getTranslation("history.column.opened");
        }
        return status;
    }

    /**
     * The status with the reason APNs gave, and what it means, for readers without a reason column;
     * and when the app reported it received and opened.
     */
    private String statusTooltip(DeliveryEntry delivery) {
        String status = statusWords(delivery);
        String tooltip = delivery.reason() == null ? status
                : status + " · " + delivery.reason() + ": " + HistoryText.meaning(this, delivery.reason());
        if (delivery.receivedAt() != null) {
            tooltip += " · " + getTranslation("history.reported.received", Times.format(delivery.receivedAt(), this));
        }
        if (delivery.openedAt() != null) {
            tooltip += " · " + getTranslation("history.reported.opened", Times.format(delivery.openedAt(), this));
        }
        return tooltip;
    }

    /** A delivery held for an A/B test's winner has no time to be sent yet: it says what it waits for. */
    private String statusWords(DeliveryEntry delivery) {
        return delivery.heldForWinner() ? getTranslation("history.status.held-for-winner")
                : HistoryText.status(this, delivery.status());
    }

    private Grid.Column<DeliveryEntry> time(String headerKey, Function<DeliveryEntry, Instant> instant) {
        return grid.addColumn(d -> Times.format(instant.apply(d), this)).setHeader(getTranslation(headerKey))
                .setWidth("8em").setFlexGrow(1);
    }

    /** The token, shortened; clicking copies the whole token. */
    private Component tokenCell(DeliveryEntry delivery) {
        Button copy = new Button(HistoryText.shortToken(delivery.token()), click -> copy(delivery.token()));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        copy.addClassName("device-token");
        copy.setTooltipText(getTranslation("history.token.copy", delivery.token()));
        return copy;
    }

    /**
     * The apns-id, and under it Apple's apns-unique-id when APNs gave one: one column, so the log
     * still fits a 1280 px window.
     */
    private Component apnsIdsCell(DeliveryEntry delivery) {
        Span apnsId = new Span(HistoryText.orDash(delivery.apnsId()));
        UUID uniqueId = delivery.apnsUniqueId();
        return uniqueId == null ? apnsId : new Div(apnsId, uniqueIdCell(uniqueId));
    }

    /**
     * Apple's apns-unique-id (sandbox sends): copied on a click, with a link to
     * Apple's Push Notifications Console, whose delivery log looks it up (the console takes the
     * id in its form; it has no address of a single delivery).
     */
    private Component uniqueIdCell(UUID uniqueId) {
        String id = uniqueId.toString();
        Button copy = new Button(id.substring(0, 8) + "…", click -> copy(id));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        copy.setTooltipText(getTranslation("history.unique-id.copy", id));
        Anchor console = new Anchor(APPLE_CONSOLE, getTranslation("history.unique-id.console"));
        console.setTarget(AnchorTarget.BLANK);
        console.getElement().setAttribute("rel", "noopener noreferrer");
        HorizontalLayout cell = new HorizontalLayout(copy, console);
        cell.setSpacing(false);
        cell.addClassName("apns-unique-id");
        return cell;
    }

    private void copy(String value) {
        getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value);
        Feedback.success(getTranslation("history.token.copied"));
    }

    /** A picked time is the viewer's wall-clock time, as their labels and every time in the log say. */
    private @Nullable Instant instant(DateTimePicker picker) {
        return picker.getValue() == null ? null : picker.getValue().atZone(ViewerZone.of(this)).toInstant();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
