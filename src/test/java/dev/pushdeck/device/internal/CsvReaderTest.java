package dev.pushdeck.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Record> read(String text, int max) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text), max);
        List<CsvReader.Record> records = new ArrayList<>();
        for (CsvReader.Record r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<CsvReader.Record> records = read("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x\r\nlast,row", 1000);

        assertThat(records).extracting(CsvReader.Record::fields).containsExactly(
                List.of("a", "b,c", "say \"hi\""), List.of("multi\nline", "x"), List.of("last", "row"));
        assertThat(records).extracting(CsvReader.Record::line).containsExactly(1L, 2L, 4L);
    }

    @Test
    void aByteOrderMarkAtTheStartIsIgnoredAndLoneCarriageReturnsEndRecords() throws IOException {
        assertThat(read("\uFEFFtoken\rabc\n", 100)).extracting(CsvReader.Record::fields)
                .containsExactly(List.of("token"), List.of("abc"));
    }

    @Test
    void anOverlongRecordIsReportedAndReadingGoesOnAfterIt() throws IOException {
        List<CsvReader.Record> records = read("ok\n" + "x".repeat(5000) + "\nnext\n", 100);

        assertThat(records).extracting(CsvReader.Record::problem)
                .containsExactly(null, CsvReader.Problem.TOO_LONG, null);
        assertThat(records.get(2).fields()).containsExactly("next");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void strayQuotesAndUnclosedQuotesAreProblemsNotGuesses() throws IOException {
        assertThat(read("ab\"c,d\n\"x\"y\n\"open", 100)).extracting(CsvReader.Record::problem).containsExactly(
                CsvReader.Problem.BAD_QUOTE, CsvReader.Problem.BAD_QUOTE, CsvReader.Problem.UNTERMINATED_QUOTE);
    }
}
