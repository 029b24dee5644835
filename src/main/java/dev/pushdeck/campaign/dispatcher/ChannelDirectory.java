package dev.pushdeck.campaign.dispatcher;

import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.campaign.ListedChannel;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The broadcast channels a campaign may be sent to, as the module that keeps them lists them
 * (the dispatcher, which depends on this module, implements it). Campaigns name a channel by its
 * listed id; Apple's own id is looked up when the campaign launches.
 *
 * <p>For trusted callers only: the tenant is explicit and there is no role check, so pass only
 * the signed-in team's id. Thread-safe; joins the caller's transaction.
 */
public interface ChannelDirectory {

    /** The team's app's channel with this listed id; empty for another app's or team's, or none. */
    Optional<ListedChannel> find(UUID tenantId, UUID appId, UUID id);

    /** The app's channels in an environment, newest first. */
    List<ListedChannel> list(UUID tenantId, UUID appId, ApnsEnvironment environment);
}
