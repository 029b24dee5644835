package dev.pushdeck.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the small charts of reports and the dashboard as standalone SVG documents on the
 * server: no chart library and no JavaScript in the browser, which shows them as images.
 * Pure functions of their arguments, so thread-safe. Every piece of text is XML-escaped, so
 * labels may come from people. Callers pass already translated words.
 */
public final class SvgChart {

    /** One stacked layer of a column chart; {@code values} has one entry per column. */
    public record Series(String name, String color, List<Long> values) {
    }

    /** One part of an outcome bar. */
    public record Slice(String name, String color, long value) {
    }

    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 40;
    private static final int BOTTOM = 48;
    private static final int FONT_SIZE = 12;
    private static final int LINE = 18;
    private static final int SWATCH = 10;
    private static final int SWATCH_GAP = 4;
    private static final int ITEM_GAP = 16;
    private static final int LABEL_GAP = 8;

    private SvgChart() {
    }

    /**
     * Columns over time, each stacked from its series (e.g. accepted, rejected, failed per
     * minute), with the value axis from zero to the tallest column. The legend flows in rows
     * under the title, as many as its words need in their language; the chart grows by those
     * rows, so the plot keeps its size.
     *
     * @param columnLabels one label per column (e.g. "14:05"); as many are printed as fit side by side
     * @param emptyText    shown instead of the columns when there is nothing to draw
     */
    public static String stackedColumns(String title, List<String> columnLabels, List<Series> series, String xAxis,
                                        String yAxis, String emptyText) {
        long max = tallestColumn(columnLabels.size(), series);
        if (max == 0) {
            return empty(open(title, HEIGHT), emptyText);
        }
        List<Slice> entries = series.stream().map(s -> new Slice(s.name(), s.color(), 0)).toList();
        List<Placed> legend = flow(entries, 34);
        int top = legend.isEmpty() ? TOP : (int) legend.get(legend.size() - 1).y() + LINE;
        int height = top + plotHeight() + BOTTOM;
        StringBuilder svg = open(title, height);
        drawLegend(svg, legend);
        axes(svg, top, height, xAxis, yAxis, max);
        double slot = (double) (WIDTH - LEFT - RIGHT) / columnLabels.size();
        int step = labelStep(columnLabels, slot);
        for (int column = 0; column < columnLabels.size(); column++) {
            double x = LEFT + column * slot;
            double base = top + plotHeight();
            for (Series layer : series) {
                double columnHeight = plotHeight() * valueAt(layer, column) / max;
                if (columnHeight > 0) {
                    rect(svg, x + slot * 0.1, base - columnHeight, slot * 0.8, columnHeight, layer.color());
                }
                base -= columnHeight;
            }
            if (column % step == 0) {
                text(svg, x + slot / 2, top + plotHeight() + 16, "middle", columnLabels.get(column));
            }
        }
        return close(svg);
    }

    /** One horizontal bar split by outcome, with a legend below it giving each count and share, one per line. */
    public static String outcomeBar(String title, List<Slice> slices, String emptyText) {
        long total = slices.stream().mapToLong(Slice::value).sum();
        if (total == 0) {
            return empty(open(title, HEIGHT), emptyText);
        }
        int firstLine = TOP + 100;
        StringBuilder svg = open(title, Math.max(HEIGHT, firstLine + LINE * (slices.size() - 1) + 10));
        double x = LEFT;
        double width = WIDTH - LEFT - RIGHT;
        for (Slice slice : slices) {
            double part = width * slice.value() / total;
            if (part > 0) {
                rect(svg, x, TOP + 24, part, 48, slice.color());
            }
            x += part;
        }
        double y = firstLine;
        for (Slice slice : slices) {
            drawLegendItem(svg, new Placed(slice.name() + ": " + slice.value() + " (" + percent(slice.value(), total)
                    + ")", slice.color(), LEFT, y));
            y += LINE;
        }
        return close(svg);
    }

    /**
     * About how wide {@code text} is drawn at {@code fontSize} in a sans-serif font, a little
     * generous: CJK and other full-width glyphs take a whole em, Latin letters and digits about
     * half to two thirds of one, narrow ones and spaces a third. Good enough to keep labels
     * apart without the fonts of the browser that will draw them.
     */
    static double textWidth(String text, double fontSize) {
        double ems = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            ems += emsOf(c);
            i += Character.charCount(c);
        }
        return ems * fontSize;
    }

    private static double emsOf(int c) {
        if (Character.isIdeographic(c) || (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF)
                || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)) {
            return 1.0;
        }
        if (" .,:;'|!()[]ijlft".indexOf(c) >= 0) {
            return 0.34;
        }
        if (Character.isUpperCase(c) || c == 'm' || c == 'w' || c == '%' || c == '@') {
            return 0.76;
        }
        return 0.62;
    }

    /** A legend entry and where its swatch starts; {@code y} is the text's baseline. */
    private record Placed(String name, String color, double x, double y) {
    }

    /** Places entries left to right from the plot's left edge, starting a new row when the next would not fit. */
    private static List<Placed> flow(List<Slice> entries, double firstBaseline) {
        List<Placed> placed = new ArrayList<>();
        double x = LEFT;
        double y = firstBaseline;
        for (Slice entry : entries) {
            double width = SWATCH + SWATCH_GAP + textWidth(entry.name(), FONT_SIZE);
            if (x > LEFT && x + width > WIDTH - RIGHT) {
                x = LEFT;
                y += LINE;
            }
            placed.add(new Placed(entry.name(), entry.color(), x, y));
            x += width + ITEM_GAP;
        }
        return placed;
    }

    private static void drawLegend(StringBuilder svg, List<Placed> legend) {
        svg.append("<g class=\"legend\">");
        legend.forEach(item -> drawLegendItem(svg, item));
        svg.append("</g>");
    }

    private static void drawLegendItem(StringBuilder svg, Placed item) {
        rect(svg, item.x(), item.y() - SWATCH, SWATCH, SWATCH, item.color());
        text(svg, item.x() + SWATCH + SWATCH_GAP, item.y(), "start", item.name());
    }

    /** Prints every n-th column label, n the smallest that keeps the widest label clear of its neighbours. */
    private static int labelStep(List<String> labels, double slot) {
        double widest = labels.stream().mapToDouble(label -> textWidth(label, FONT_SIZE)).max().orElse(0);
        return Math.max(1, (int) Math.ceil((widest + LABEL_GAP) / slot));
    }

    /** Escapes text for XML content and attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // Control characters are not allowed in XML 1.0 at all.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"").append(FONT_SIZE)
                .append("\"><title>").append(escape(title)).append("</title>");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\" font-weight=\"600\">")
                .append(escape(title)).append("</text>");
        return svg;
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg>").toString();
    }

    private static String empty(StringBuilder svg, String emptyText) {
        text(svg, WIDTH / 2.0, HEIGHT / 2.0, "middle", emptyText);
        return close(svg);
    }

    private static void axes(StringBuilder svg, int top, int height, String xAxis, String yAxis, long max) {
        int bottom = top + plotHeight();
        svg.append("<path d=\"M").append(LEFT).append(' ').append(top).append(" V").append(bottom).append(" H")
                .append(WIDTH - RIGHT).append("\" stroke=\"#888\" fill=\"none\"/>");
        text(svg, LEFT - 6, bottom + 4, "end", "0");
        text(svg, LEFT - 6, top + 4, "end", Long.toString(max));
        text(svg, LEFT + (WIDTH - LEFT - RIGHT) / 2.0, height - 8, "middle", xAxis);
        svg.append("<text transform=\"translate(14 ").append(top + plotHeight() / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(yAxis)).append("</text>");
    }

    private static void rect(StringBuilder svg, double x, double y, double width, double height, String color) {
        svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" width=\"")
                .append(number(width)).append("\" height=\"").append(number(height)).append("\" fill=\"")
                .append(escape(color)).append("\"/>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String content) {
        svg.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" text-anchor=\"")
                .append(anchor).append("\">").append(escape(content)).append("</text>");
    }

    private static long tallestColumn(int columns, List<Series> series) {
        long max = 0;
        for (int column = 0; column < columns; column++) {
            long sum = 0;
            for (Series layer : series) {
                sum += valueAt(layer, column);
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    private static long valueAt(Series series, int column) {
        return column < series.values().size() ? Math.max(0, series.values().get(column)) : 0;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(long part, long total) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / total);
    }
}
