package dev.pushdeck.shared.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps result rows onto a record by column name: component {@code tenantId} reads column
 * {@code tenant_id} (or {@code tenantid}), resolved once per result set.
 *
 * <p>Why not {@code JdbcClient.query(Record.class)}: Spring's property mapper first asks
 * the driver for the camel-case column, and PostgreSQL's driver answers a miss with an
 * exception, stack trace and all — once per column per row. On the registration API and
 * the dispatcher's claim that was most of the CPU a request or a delivery cost
 * (docs/decisions/014-record-row-mapping.md).
 *
 * <p>Each call of {@link #of} returns a new mapper that remembers the column positions of
 * the result set it last saw; use one per query (it is not shared between threads).
 * A record component with no matching column fails the query with a clear message.
 *
 * <p>An enum component reads the constant's name or its lower-case word, the form in which the
 * product stores words such as an APNs environment ({@code sandbox}); anything else fails the query.
 *
 * <p>Row mappers written by hand read and write {@code timestamptz} columns through
 * {@link #instant}, {@link #requiredInstant} and {@link #timestamp}, as the mapper itself does.
 */
public final class RecordRows<R extends Record> implements RowMapper<R> {

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /** Each enum's constants by name and by lower-case word. */
    private static final ClassValue<Map<String, Object>> ENUM_WORDS = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> constants = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                constants.put(name, constant);
                constants.put(name.toLowerCase(Locale.ROOT), constant);
            }
            return Map.copyOf(constants);
        }
    };

    private final Class<R> type;
    private final Shape shape;
    private @Nullable ResultSet resolvedFor;
    private int[] columns = new int[0];

    private RecordRows(Class<R> type) {
        this.type = type;
        this.shape = SHAPES.get(type);
    }

    /** A mapper for {@code type}, a record whose component names match the selected columns. */
    public static <R extends Record> RecordRows<R> of(Class<R> type) {
        return new RecordRows<>(type);
    }

    /** The instant {@code column} of the current row holds, or null when it holds none. */
    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }

    /** The instant {@code column} of the current row holds, for a column declared not null. */
    public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(instant(rs, column), () -> column + " is declared not null");
    }

    /** An instant as a JDBC parameter for a {@code timestamptz} column; null stays null. */
    public static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public R mapRow(ResultSet rs, int rowNum) throws SQLException {
        if (rs != resolvedFor) {
            columns = shape.resolve(rs.getMetaData(), type);
            resolvedFor = rs;
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = read(rs, columns[i], shape.types[i]);
        }
        try {
            return type.cast((Object) shape.constructor.invokeExact(values));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot build " + type.getSimpleName() + " from a row", e);
        }
    }

    private static @Nullable Object read(ResultSet rs, int column, Class<?> target) throws SQLException {
        if (target == String.class) {
            return rs.getString(column);
        }
        if (target == UUID.class) {
            return rs.getObject(column, UUID.class);
        }
        if (target == Instant.class) {
            return instant(rs.getTimestamp(column));
        }
        if (target == long.class) {
            return rs.getLong(column);
        }
        if (target == int.class) {
            return rs.getInt(column);
        }
        if (target == boolean.class) {
            return rs.getBoolean(column);
        }
        if (target == short.class) {
            return rs.getShort(column);
        }
        if (target == double.class) {
            return rs.getDouble(column);
        }
        if (target.isEnum()) {
            String word = rs.getString(column);
            return word == null ? null : constant(target, word);
        }
        Object value = rs.getObject(column);
        return value == null || target.isInstance(value) ? value
                : DefaultConversionService.getSharedInstance().convert(value, target);
    }

    private static Object constant(Class<?> type, String word) {
        Object constant = ENUM_WORDS.get(type).get(word);
        if (constant == null) {
            throw new IllegalArgumentException("No " + type.getSimpleName() + " is stored as " + word);
        }
        return constant;
    }

    /** What a record type needs: its canonical constructor and component names and types. */
    private record Shape(MethodHandle constructor, String[] names, Class<?>[] types) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            String[] names = Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new);
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                MethodHandle constructor = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                        .findConstructor(type, MethodType.methodType(void.class, types));
                // One (Object[]) -> Object shape for every record, so mapRow can use invokeExact.
                MethodHandle spread = constructor.asType(constructor.type().changeReturnType(Object.class))
                        .asSpreader(Object[].class, types.length);
                return new Shape(spread, names, types);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("No canonical constructor reachable for " + type, e);
            }
        }

        int[] resolve(ResultSetMetaData metaData, Class<?> type) throws SQLException {
            Map<String, Integer> byLabel = new HashMap<>();
            for (int i = metaData.getColumnCount(); i >= 1; i--) {
                byLabel.put(squash(metaData.getColumnLabel(i)), i);
            }
            int[] columns = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                Integer column = byLabel.get(squash(names[i]));
                if (column == null) {
                    throw new IllegalStateException("The query selects no column for " + type.getSimpleName() + "."
                            + names[i] + " (expected " + names[i].replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT)
                            + ")");
                }
                columns[i] = column;
            }
            return columns;
        }

        /** tenant_id, tenantId and TENANTID all become "tenantid". */
        private static String squash(String name) {
            return name.replace("_", "").toLowerCase(Locale.ROOT);
        }
    }
}
