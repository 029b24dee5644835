package dev.pushdeck.device;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * App versions as apps report them ({@code CFBundleShortVersionString}): one to four numbers
 * separated by dots, such as {@code 2.10.1}. They order by their numeric components, so
 * {@code 1.10} comes after {@code 1.9}, and trailing zero components do not count
 * ({@code 1.2} equals {@code 1.2.0}). Pure and thread-safe.
 *
 * <p>The database compares versions through {@link #orderKey}: every component zero-padded to
 * {@value #DIGITS} digits, trailing zero components dropped, joined by dots. Byte order of
 * those keys is version order (docs/decisions/051-device-attributes.md).
 */
public final class AppVersion {

    /** Digits a component may have; also the width each is padded to in the order key. */
    public static final int DIGITS = 9;
    public static final int MAX_COMPONENTS = 4;
    private static final Pattern FORMAT = Pattern.compile("\\d{1," + DIGITS + "}(\\.\\d{1," + DIGITS + "}){0,"
            + (MAX_COMPONENTS - 1) + "}");
    private static final String ZERO = "0".repeat(DIGITS);

    private AppVersion() {
    }

    /** Whether {@code text} (already stripped) is a version this server stores and compares. */
    public static boolean valid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /**
     * The key that sorts as the version does; empty when {@code text} is not a valid version.
     * A version of zeros only ({@code 0}, {@code 0.0}) has the empty key, lowest of all.
     */
    public static Optional<String> orderKey(String text) {
        if (!valid(text)) {
            return Optional.empty();
        }
        String[] components = text.split("\\.");
        int significant = components.length;
        while (significant > 0 && Long.parseLong(components[significant - 1]) == 0) {
            significant--;
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < significant; i++) {
            if (i > 0) {
                key.append('.');
            }
            String digits = components[i];
            key.append(ZERO, 0, DIGITS - digits.length()).append(digits);
        }
        return Optional.of(key.toString());
    }

    /**
     * Orders two valid versions as the database does: negative when {@code a} is before
     * {@code b}, zero when they are the same version.
     *
     * @throws IllegalArgumentException when either is not a valid version
     */
    public static int compare(String a, String b) {
        return key(a).compareTo(key(b));
    }

    private static String key(String version) {
        return orderKey(version).orElseThrow(() -> new IllegalArgumentException("not a version: " + version));
    }
}
