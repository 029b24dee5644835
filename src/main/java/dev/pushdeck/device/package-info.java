/**
 * Device registry: token rules, registration API for apps, device lists for people,
 * CSV import and export, and the audience counts and token feedback later modules use.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Devices")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.device;
