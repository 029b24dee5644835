package dev.pushdeck.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.history.SvgChart.Series;
import dev.pushdeck.history.SvgChart.Slice;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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

    @Test
    void aChineseCharacterCountsAsWideAsTwoLatinLetters() {
        assertThat(SvgChart.textWidth("已被接受", 12)).isEqualTo(48.0);
        assertThat(SvgChart.textWidth("APNs 已被接受", 12)).isGreaterThan(SvgChart.textWidth("Accepted", 12));
    }

    @Test
    void legendEntriesInChineseStandApartAndInsideTheChart() throws Exception {
        List<Series> series = List.of(new Series("已被 APNs 接受", "#0a0", List.of(5L)),
                new Series("已被 APNs 拒绝", "#a00", List.of(1L)), new Series("失败", "#f80", List.of(0L)),
                new Series("已过期", "#642", List.of(0L)));

        List<double[]> boxes = legendBoxes(SvgChart.stackedColumns("每小时的结果", List.of("14:00"), series, "时间",
                "通知", "无"));

        assertThat(boxes).hasSize(4);
        for (int i = 0; i < boxes.size(); i++) {
            assertThat(boxes.get(i)[1]).as("right edge").isLessThanOrEqualTo(640 - 16);
            for (int j = i + 1; j < boxes.size(); j++) {
                boolean sameRow = boxes.get(i)[2] == boxes.get(j)[2];
                boolean apart = boxes.get(i)[1] <= boxes.get(j)[0] || boxes.get(j)[1] <= boxes.get(i)[0];
                assertThat(!sameRow || apart).as("entries %d and %d apart", i, j).isTrue();
            }
        }
    }

    @Test
    void aLegendTooLongForOneRowWrapsAndTheChartGrowsByTheRow() throws Exception {
        List<Series> series = List.of(new Series("x".repeat(40), "#0a0", List.of(5L)),
                new Series("y".repeat(40), "#a00", List.of(1L)));

        String svg = SvgChart.stackedColumns("T", List.of("14:00"), series, "x", "y", "None");

        List<double[]> boxes = legendBoxes(svg);
        assertThat(boxes.get(1)[2]).isGreaterThan(boxes.get(0)[2]);
        assertThat(parse(svg).getDocumentElement().getAttribute("height")).isEqualTo("270");
    }

    @Test
    void columnLabelsArePrintedOnlyAsOftenAsTheyFitSideBySide() throws Exception {
        List<String> labels = IntStream.range(0, 60).mapToObj(i -> "6 12月 " + i + ":00").toList();
        List<Series> series = List.of(new Series("A", "#0a0", Collections.nCopies(60, 1L)));

        String svg = SvgChart.stackedColumns("T", labels, series, "x", "y", "None");

        long printed = labels.stream().filter(label -> svg.contains(">" + label + "<")).count();
        double widest = SvgChart.textWidth("6 12月 59:00", 12);
        assertThat(printed).isBetween(2L, (long) (560 / widest));
    }

    /** Each legend text's estimated left and right edge and its baseline. */
    private static List<double[]> legendBoxes(String svg) throws Exception {
        NodeList texts = ((Element) parse(svg).getElementsByTagName("g").item(0))
                .getElementsByTagName("text");
        List<double[]> boxes = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            double x = Double.parseDouble(text.getAttribute("x"));
            boxes.add(new double[] {x - 14, x + SvgChart.textWidth(text.getTextContent(), 12),
                    Double.parseDouble(text.getAttribute("y"))});
        }
        return boxes;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
