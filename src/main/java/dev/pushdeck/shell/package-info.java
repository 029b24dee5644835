/** The application frame: layout, navigation, header, dashboard. Nothing depends on it. */
@org.springframework.modulith.ApplicationModule(displayName = "Shell")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shell;
