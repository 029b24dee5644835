package dev.pushdeck.shared.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void theWriterDefusesFormulasAndQuotesWhatNeedsQuoting() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvWriter.cell("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.cell("-1")).isEqualTo("'-1");
        assertThat(CsvWriter.cell("@sum")).isEqualTo("'@sum");
        assertThat(CsvWriter.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
    }

    @Test
    void aRecordWithAFormulaReasonAndAnAwkwardAliasIsOneSafeRfc4180Line() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);

        csv.write(Arrays.asList("abc123", "REJECTED", "=cmd|' /C calc'!A0", "Ann \"the\" boss,\nHR", null, "-2"));
        csv.flush();

        assertThat(out.toString()).isEqualTo(
                "abc123,REJECTED,'=cmd|' /C calc'!A0,\"Ann \"\"the\"\" boss,\nHR\",,'-2\r\n");
    }
}
