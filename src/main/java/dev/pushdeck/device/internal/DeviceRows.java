package dev.pushdeck.device.internal;

import static dev.pushdeck.shared.jdbc.RecordRows.instant;
import static dev.pushdeck.shared.jdbc.RecordRows.requiredInstant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushdeck.app.ApnsEnvironment;
import dev.pushdeck.device.Device;
import dev.pushdeck.device.DeviceStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a {@code devices} row is selected and read, and how lists travel as SQL arrays: shared
 * by the repositories over that table. Stateless and thread-safe.
 */
final class DeviceRows {

    static final String COLUMNS = "id, app_id, environment, token, tags, alias, locale, time_zone, status,"
            + " invalidated_at, invalid_reason, last_registered_at, test_device, created_at, app_version, properties";
    /** Joins a row's tags into one array element, split with {@code chr(31)} in SQL. */
    private static final String TAG_JOINER = "\u001f";

    private static final ObjectMapper PROPERTIES = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<LinkedHashMap<String, Object>> PROPERTY_MAP = new TypeReference<>() {
    };

    private DeviceRows() {
    }

    /**
     * A list of tags as one text array element ({@code null} stays null, empty is ""),
     * split again in SQL; the joiner is a control character, never part of a valid tag.
     */
    static @Nullable String joinTags(@Nullable List<String> tags) {
        return tags == null ? null : String.join(TAG_JOINER, tags);
    }

    static String @Nullable [] array(@Nullable List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    /** A row selected with {@link #COLUMNS} as a device. */
    static Device device(ResultSet rs, int row) throws SQLException {
        return new Device(rs.getObject("id", UUID.class), rs.getObject("app_id", UUID.class),
                ApnsEnvironment.parse(rs.getString("environment")), rs.getString("token"), strings(rs.getArray("tags")),
                rs.getString("alias"), rs.getString("locale"), rs.getString("time_zone"),
                DeviceStatus.valueOf(rs.getString("status")), instant(rs, "invalidated_at"),
                rs.getString("invalid_reason"), requiredInstant(rs, "last_registered_at"), rs.getBoolean("test_device"),
                requiredInstant(rs, "created_at"), rs.getString("app_version"), properties(rs.getString("properties")));
    }

    /** Stored properties in key order; numbers with a fraction as BigDecimal, exactly as stored. */
    private static Map<String, Object> properties(@Nullable String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(PROPERTIES.readValue(json, PROPERTY_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored properties are a JSON object", e);
        }
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
