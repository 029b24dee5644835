/** The application frame: layout, navigation, header, dashboard. Nothing depends on it. */
@org.springframework.modulith.ApplicationModule(displayName = "Shell")
package dev.pushdeck.shell;
