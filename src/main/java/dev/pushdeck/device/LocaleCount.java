package dev.pushdeck.device;

import org.jspecify.annotations.Nullable;

/**
 * How many devices of an audience reported one locale.
 *
 * @param locale the tag as stored ({@code zh_CN} and {@code zh-CN} are counted apart), or null for none reported
 */
public record LocaleCount(@Nullable String locale, long devices) {
}
