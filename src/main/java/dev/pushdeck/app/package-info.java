/**
 * Push apps and their APNs credentials: registering apps, parsing and validating
 * certificates and token keys, encryption at rest, expiry watch, app keys.
 *
 * <p>Before changing this module read docs/CONVENTIONS.md (module layout, i18n bundles in
 * i18n/app*.properties, test rules: one shared @PushdeckTest context, offline build).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Apps")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.app;
