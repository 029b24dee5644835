package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.history.SvgChart.Series;
import dev.pushdeck.history.SvgChart.Slice;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {

    @Test
    void columnsAreWellFormedSvgWithAxisLabelsAndOneRectanglePerNonEmptyValue() throws Exception {
        String svg = SvgChart.stackedColumns("Throughput", List.of("14:00", "14:01", "14:02"),
                List.of(new Series("Accepted", "#2a9d3f", List.of(5L, 0L, 7L)),
                        new Series("Rejected", "#d33", List.of(1L, 2L, 0L))), "Minute (UTC)", "Notifications", "None");

        Document document = parse(svg);

        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Throughput");
        // 4 bars plus 2 legend squares.
        assertThat(document.getElementsByTagName("rect").getLength()).isEqualTo(6);
        assertThat(svg).contains(">Minute (UTC)<", ">Notifications<", ">14:00<", ">7<");
    }

    @Test
    void textFromPeopleIsEscaped() throws Exception {
        String svg = SvgChart.outcomeBar("<script>alert('x')</script> & \"co\"",
                List.of(new Slice("A<b>", "red\"/><script>", 3)), "None");

        Document document = parse(svg);

        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>");
        assertThat(document.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("<script>alert('x')</script> & \"co\"");
    }

    @Test
    void controlCharactersAreDroppedSoTheDocumentStaysValidXml() throws Exception {
        parse(SvgChart.outcomeBar("bell\u0007", List.of(new Slice("x\u0000", "#000", 1)), "None"));
    }

    @Test
    void emptyDataDrawsTheEmptyTextInsteadOfBars() throws Exception {
        String columns = SvgChart.stackedColumns("T", List.of(), List.of(), "x", "y", "Nothing sent yet");
        String outcomes = SvgChart.outcomeBar("T", List.of(new Slice("Accepted", "#0a0", 0)), "Nothing sent yet");

        for (String svg : List.of(columns, outcomes)) {
            assertThat(parse(svg).getElementsByTagName("rect").getLength()).isZero();
            assertThat(svg).contains(">Nothing sent yet<");
        }
    }

    @Test
    void theOutcomeLegendGivesCountsAndShares() throws Exception {
        String svg = SvgChart.outcomeBar("Outcome", List.of(new Slice("Accepted by APNs", "#0a0", 3),
                new Slice("Rejected", "#a00", 1)), "None");

        assertThat(parse(svg).getElementsByTagName("rect").getLength()).isEqualTo(4);
        assertThat(svg).contains(">Accepted by APNs: 3 (75.0%)<", ">Rejected: 1 (25.0%)<");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
