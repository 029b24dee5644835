/**
 * Small pieces every module may use: problem types, the clock, the embedded database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared;
