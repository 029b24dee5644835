package dev.pushdeck.dispatch;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.ListedChannel;
import dev.pushdeck.campaign.dispatcher.ChannelDirectory;
import dev.pushdeck.dispatch.internal.ChannelRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The listed broadcast channels, for the campaign module (which cannot depend on this one). */
@Component
class ListedChannels implements ChannelDirectory {

    private final ChannelRepository channels;

    ListedChannels(ChannelRepository channels) {
        this.channels = channels;
    }

    @Override
    public Optional<ListedChannel> find(UUID tenantId, UUID appId, UUID id) {
        return channels.find(tenantId, appId, id).map(ListedChannels::choice);
    }

    @Override
    public List<ListedChannel> list(UUID tenantId, UUID appId, ApnsEnvironment environment) {
        return channels.list(tenantId, appId, environment).stream().map(ListedChannels::choice).toList();
    }

    private static ListedChannel choice(BroadcastChannel channel) {
        return new ListedChannel(channel.id(), channel.environment(), channel.channelId(), channel.name());
    }
}
