package dev.pushdeck.dispatch.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.dispatch.BroadcastChannel;
import dev.pushdeck.dispatch.BroadcastChannelService;
import dev.pushdeck.dispatch.ChannelBroadcast;
import dev.pushdeck.dispatch.ChannelSync;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.Role;
import dev.pushdeck.security.Roles;
import dev.pushdeck.shared.error.NotFoundException;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.ui.Confirm;
import dev.pushdeck.shared.ui.Feedback;
import dev.pushdeck.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An app's broadcast channels per environment, as kept at Apple: their ids to copy into the app
 * (its Live Activities subscribe to them), and for editors creating, deleting, comparing with
 * Apple's list and broadcasting a Live Activity update to one. Choosing a channel lists its
 * recent broadcasts with Apple's answers. Another team's app shows "not found".
 */
@Route("apps/:appId/channels")
@RolesAllowed(Roles.VIEWER)
class ChannelsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final transient BroadcastChannelService channels;
    private final transient AppService apps;
    private final boolean editor;
    private @Nullable PushApp app;

    final Select<ApnsEnvironment> environment = new Select<>();
    final Grid<BroadcastChannel> grid = new Grid<>();
    final Paragraph empty = new Paragraph();
    final Button create = new Button();
    final Button sync = new Button();
    final H3 broadcastsTitle = new H3();
    final Grid<ChannelBroadcast> broadcasts = new Grid<>();

    ChannelsView(BroadcastChannelService channels, AppService apps, CurrentActor actor) {
        this.channels = channels;
        this.apps = apps;
        this.editor = actor.require().role() != null && actor.require().role().includes(Role.EDITOR);
        addClassName("channels-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        PushApp shown;
        try {
            shown = apps.get(UUID.fromString(event.getRouteParameters().get("appId").orElse("")));
        } catch (NotFoundException | IllegalArgumentException e) {
            app = null;
            add(new H2(getTranslation("error.not-found")));
            return;
        }
        app = shown;
        environment.setLabel(getTranslation("channels.environment"));
        environment.setItems(ApnsEnvironment.values());
        environment.setItemLabelGenerator(e -> getTranslation("env." + e.wire()));
        environment.setValue(ApnsEnvironment.PRODUCTION);
        environment.addValueChangeListener(change -> refresh());
        HorizontalLayout toolbar = new HorizontalLayout(environment);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (editor) {
            create.setText(getTranslation("channels.create"));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.addClickListener(click -> new ChannelDialog(channels, app().id(), environment.getValue(),
                    this::refresh).open());
            sync.setText(getTranslation("channels.sync"));
            sync.setTooltipText(getTranslation("channels.sync.help"));
            sync.addClickListener(click -> sync());
            toolbar.add(create, sync);
        }
        configureGrid();
        empty.addClassName("empty-state");
        broadcastsTitle.setVisible(false);
        broadcasts.setVisible(false);
        configureBroadcasts();
        add(new Anchor("apps/" + shown.id(), getTranslation("channels.back", shown.name())),
                new H2(getTranslation("channels.title")), new Paragraph(getTranslation("channels.intro")), toolbar,
                grid, empty, broadcastsTitle, broadcasts);
        refresh();
    }

    private void configureGrid() {
        grid.addColumn(BroadcastChannel::name).setHeader(getTranslation("channels.column.name")).setFlexGrow(2);
        grid.addComponentColumn(this::channelIdCell).setHeader(getTranslation("channels.column.id")).setFlexGrow(2);
        grid.addColumn(c -> c.storagePolicy() == null ? getTranslation("channels.policy.unknown")
                        : getTranslation("channels.policy." + c.storagePolicy().wire()))
                .setHeader(getTranslation("channels.column.policy")).setAutoWidth(true);
        grid.addColumn(c -> Times.format(c.createdAt(), this)).setHeader(getTranslation("channels.column.created"))
                .setAutoWidth(true);
        grid.addColumn(BroadcastChannel::createdBy).setHeader(getTranslation("channels.column.by")).setAutoWidth(true);
        if (editor) {
            grid.addComponentColumn(this::actions).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        }
        grid.addClassName("channels");
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(change -> showBroadcasts(change.getValue()));
    }

    /** The whole id, copied on a click: the app subscribes its activities to it. */
    private Component channelIdCell(BroadcastChannel channel) {
        Button copy = new Button(channel.channelId(), click -> {
            getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", channel.channelId());
            Feedback.success(getTranslation("channels.copied"));
        });
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        copy.addClassName("channel-id");
        copy.setTooltipText(getTranslation("channels.copy"));
        return copy;
    }

    private Component actions(BroadcastChannel channel) {
        Button send = new Button(getTranslation("channels.broadcast"), click -> new BroadcastDialog(channels,
                app().id(), channel, () -> showBroadcasts(channel)).open());
        send.addThemeVariants(ButtonVariant.LUMO_SMALL);
        send.addClassName("broadcast-button");
        Button delete = new Button(getTranslation("action.delete"), click -> Confirm.destructive(
                getTranslation("channels.delete.title", channel.name()), getTranslation("channels.delete.text"),
                getTranslation("action.delete"), () -> delete(channel)));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClassName("delete-button");
        return new HorizontalLayout(send, delete);
    }

    private void configureBroadcasts() {
        broadcasts.addColumn(b -> Times.format(b.sentAt(), this)).setHeader(getTranslation("channels.sent.at"))
                .setAutoWidth(true);
        broadcasts.addColumn(b -> getTranslation("channels.sent.status." + b.status().toLowerCase(Locale.ROOT))
                        + (b.reason() == null ? "" : " · " + b.reason()))
                .setHeader(getTranslation("channels.sent.status")).setAutoWidth(true);
        broadcasts.addColumn(ChannelBroadcast::priority).setHeader(getTranslation("channels.sent.priority"))
                .setAutoWidth(true);
        broadcasts.addColumn(b -> b.apnsUniqueId() == null ? "—" : b.apnsUniqueId().toString())
                .setHeader(getTranslation("channels.sent.unique-id")).setAutoWidth(true);
        broadcasts.addColumn(ChannelBroadcast::sentBy).setHeader(getTranslation("channels.column.by"))
                .setAutoWidth(true);
        broadcasts.addColumn(ChannelBroadcast::payload).setHeader(getTranslation("channels.sent.payload"))
                .setFlexGrow(3);
        broadcasts.addClassName("broadcasts");
        broadcasts.setAllRowsVisible(true);
    }

    private void showBroadcasts(@Nullable BroadcastChannel channel) {
        broadcastsTitle.setVisible(channel != null);
        broadcasts.setVisible(channel != null);
        if (channel != null) {
            broadcastsTitle.setText(getTranslation("channels.sent.title", channel.name()));
            List<ChannelBroadcast> sent = channels.broadcasts(app().id(), channel.id());
            broadcasts.setItems(sent);
            broadcasts.setEmptyStateText(getTranslation("channels.sent.empty"));
        }
    }

    private void delete(BroadcastChannel channel) {
        try {
            channels.delete(app().id(), channel.id());
            Feedback.success(getTranslation("channels.deleted", channel.name()));
        } catch (PushdeckException e) {
            Feedback.error(e);
        }
        refresh();
    }

    private void sync() {
        try {
            ChannelSync result = channels.sync(app().id(), environment.getValue());
            Feedback.success(getTranslation("channels.synced", result.added(), result.removed(), result.total()));
        } catch (PushdeckException e) {
            Feedback.error(e);
        }
        refresh();
    }

    void refresh() {
        List<BroadcastChannel> listed = channels.list(app().id(), environment.getValue());
        grid.setItems(listed);
        grid.setVisible(!listed.isEmpty());
        empty.setVisible(listed.isEmpty());
        empty.setText(getTranslation(editor ? "channels.empty.editor" : "channels.empty"));
        showBroadcasts(null);
    }

    /** The app shown: the handlers run only once {@link #beforeEnter} found it. */
    private PushApp app() {
        return Objects.requireNonNull(app, "the view shows an app");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("channels.title") + " · " + getTranslation("app.name");
    }
}
