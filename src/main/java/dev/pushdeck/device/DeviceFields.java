package dev.pushdeck.device;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an app or a person states about a device. A {@code null} field means "leave as
 * it is" (a registration that does not mention tags keeps the tags people gave it); an
 * empty list or empty text clears the field. Validated by the services.
 *
 * @param timeZone an IANA zone id such as {@code Europe/Berlin}
 * @param locale   a BCP-47 tag such as {@code de-CH} ({@code de_CH} is read as the same)
 */
public record DeviceFields(@Nullable List<String> tags, @Nullable String alias, @Nullable String locale,
                           @Nullable String timeZone) {

    public static final DeviceFields NONE = new DeviceFields(null, null, null, null);
}
