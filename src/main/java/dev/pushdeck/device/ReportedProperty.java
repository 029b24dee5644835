package dev.pushdeck.device;

/**
 * A property key an app's devices report, and the kind of value most of them hold for it.
 *
 * @param kind as JSON names it: {@code string}, {@code number} or {@code boolean}
 */
public record ReportedProperty(String key, String kind) {
}
