/**
 * What APNs says about tokens, for the dispatcher: device tokens Apple refused or reported gone
 * ({@link dev.pushdeck.device.feedback.DeviceFeedback}) and Live Activity tokens that ended
 * ({@link dev.pushdeck.device.feedback.ActivityFeedback}). Devices are marked, never deleted.
 *
 * <p>For trusted callers only: every method takes the tenant explicitly and checks no role, as
 * the dispatcher's workers have no principal. Views and controllers never depend on this package
 * (people restore devices through the role-checked {@link dev.pushdeck.device.DeviceService});
 * {@code ModularityTest} checks it. See docs/decisions/059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.NamedInterface("feedback")
@dev.pushdeck.shared.TrustedCallers
@org.jspecify.annotations.NullMarked
package dev.pushdeck.device.feedback;
