/**
 * The dispatcher's view of campaigns: the status changes it makes as runs start and end
 * ({@link dev.pushdeck.campaign.dispatcher.CampaignLifecycle}), the Live Activity payloads its
 * broadcasts send ({@link dev.pushdeck.campaign.dispatcher.LiveActivityBroadcasts}), and the
 * broadcast channels it lists for the composer ({@link dev.pushdeck.campaign.dispatcher.ChannelDirectory},
 * which it implements).
 *
 * <p>For trusted callers only: every type here takes the tenant explicitly and checks no role.
 * Views and controllers never depend on this package (they go through the role-checked
 * {@link dev.pushdeck.campaign.CampaignService}); {@code ModularityTest} checks it. See
 * docs/decisions/059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.NamedInterface("dispatcher")
@dev.pushdeck.shared.TrustedCallers
@org.jspecify.annotations.NullMarked
package dev.pushdeck.campaign.dispatcher;
