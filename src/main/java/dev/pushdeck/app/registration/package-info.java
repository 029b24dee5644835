/**
 * The device registration path's view of apps: the rates it limits registrations to
 * ({@link dev.pushdeck.app.registration.AppRegistrationRates}).
 *
 * <p>For trusted callers only: the tenant is explicit and no role is checked. Views and
 * controllers read an app's limits through the role-checked {@link dev.pushdeck.app.AppService};
 * {@code ModularityTest} checks it. See docs/decisions/059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.NamedInterface("registration")
@dev.pushdeck.shared.TrustedCallers
@org.jspecify.annotations.NullMarked
package dev.pushdeck.app.registration;
