package dev.pushdeck.shared.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushdeck.PushdeckTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PushdeckTest
class RecordRowsTest {

    enum Colour { RED, GREEN }

    record Row(UUID tenantId, String name, Instant createdAt, long total, int small, Integer maybe, boolean active,
               Colour colour, byte[] secretHash) {
    }

    record Wanting(UUID tenantId, String nowhere) {
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void snakeCaseColumnsFillCamelCaseComponentsOfEveryType() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-28T10:15:30.123456Z");
        List<Row> rows = jdbc.sql("""
                        select :id::uuid as tenant_id, 'Acme' as name, :at::timestamptz as created_at,
                               12345678901::bigint as total, 7::smallint as small, null::integer as maybe,
                               true as active, 'GREEN' as colour, '\\x0102'::bytea as secret_hash
                        union all
                        select :id::uuid, null, null, 0, 0, 42, false, null, null""")
                .param("id", id).param("at", java.sql.Timestamp.from(at)).query(RecordRows.of(Row.class)).list();

        assertThat(rows).hasSize(2);
        Row first = rows.get(0);
        assertThat(first.tenantId()).isEqualTo(id);
        assertThat(first.name()).isEqualTo("Acme");
        assertThat(first.createdAt()).isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(first.total()).isEqualTo(12345678901L);
        assertThat(first.small()).isEqualTo(7);
        assertThat(first.maybe()).isNull();
        assertThat(first.active()).isTrue();
        assertThat(first.colour()).isEqualTo(Colour.GREEN);
        assertThat(first.secretHash()).containsExactly(1, 2);
        Row second = rows.get(1);
        assertThat(second.name()).isNull();
        assertThat(second.createdAt()).isNull();
        assertThat(second.maybe()).isEqualTo(42);
        assertThat(second.colour()).isNull();
        assertThat(second.secretHash()).isNull();
    }

    record Painted(Colour colour) {
    }

    @Test
    void anEnumColumnMayHoldTheLowerCaseWordTheProductStores() {
        assertThat(jdbc.sql("select 'green' as colour").query(RecordRows.of(Painted.class)).single())
                .isEqualTo(new Painted(Colour.GREEN));
    }

    @Test
    void anEnumColumnHoldingNoConstantsWordFailsTheQueryNamingIt() {
        assertThatThrownBy(() -> jdbc.sql("select 'Green' as colour").query(RecordRows.of(Painted.class)).single())
                .hasMessageContaining("Colour").hasMessageContaining("Green");
    }

    @Test
    void repositoriesNeverMapRecordsThroughSpringsExceptionDrivenPropertyMapper() throws Exception {
        Pattern reflective = Pattern.compile("\\.query\\((?!(String|Long|Integer|UUID|Boolean|Instant)\\.class)[A-Z]\\w*\\.class\\)");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(file -> file.toString().endsWith(".java")).filter(file -> {
                try {
                    return reflective.matcher(Files.readString(file).replace("{@code JdbcClient.query(Record.class)}", ""))
                            .find();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(offenders).as("use RecordRows.of(...) (decision 014)").isEmpty();
    }

    @Test
    void aComponentWithoutAColumnFailsWithItsNameAndTheExpectedColumn() {
        assertThatThrownBy(() -> jdbc.sql("select gen_random_uuid() as tenant_id")
                .query(RecordRows.of(Wanting.class)).list())
                .hasMessageContaining("Wanting.nowhere").hasMessageContaining("nowhere");
    }

    @Test
    void aMapperIsNotConfusedByASecondResultSetWithOtherColumnPositions() {
        RecordRows<Wanting> mapper = RecordRows.of(Wanting.class);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Wanting one = jdbc.sql("select :a::uuid as tenant_id, 'x' as nowhere").param("a", a).query(mapper).single();
        Wanting two = jdbc.sql("select 'y' as nowhere, :b::uuid as tenant_id").param("b", b).query(mapper).single();
        assertThat(one).isEqualTo(new Wanting(a, "x"));
        assertThat(two).isEqualTo(new Wanting(b, "y"));
    }

    @Test
    void handWrittenMappersReadInstantsAndNameARequiredColumnThatHoldsNone() {
        Instant at = Instant.parse("2026-11-28T10:15:30.123456Z");
        Instant[] read = jdbc.sql("select :at::timestamptz as created_at, null::timestamptz as gone_at")
                .param("at", RecordRows.timestamp(at))
                .query((rs, row) -> new Instant[] {RecordRows.requiredInstant(rs, "created_at"),
                        RecordRows.instant(rs, "gone_at")}).single();

        assertThat(read).containsExactly(at, null);
        assertThat(RecordRows.timestamp(null)).isNull();
        assertThatThrownBy(() -> jdbc.sql("select null::timestamptz as gone_at")
                .query((rs, row) -> RecordRows.requiredInstant(rs, "gone_at")).single())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("gone_at");
    }
}
