/**
 * Push apps and their APNs credentials: registering apps, parsing and validating
 * certificates and token keys, encryption at rest, expiry watch, app keys.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Apps")
package dev.pushdeck.app;
