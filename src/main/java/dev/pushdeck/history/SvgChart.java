package dev.pushdeck.history;

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
    private static final int MAX_X_LABELS = 6;

    private SvgChart() {
    }

    /**
     * Columns over time, each stacked from its series (e.g. accepted, rejected, failed per
     * minute), with the value axis from zero to the tallest column.
     *
     * @param columnLabels one label per column (e.g. "14:05"); only a few are printed
     * @param emptyText    shown instead of the columns when there is nothing to draw
     */
    public static String stackedColumns(String title, List<String> columnLabels, List<Series> series, String xAxis,
                                        String yAxis, String emptyText) {
        StringBuilder svg = open(title);
        long max = tallestColumn(columnLabels.size(), series);
        if (max == 0) {
            return empty(svg, emptyText);
        }
        axes(svg, xAxis, yAxis, max);
        double slot = (double) (WIDTH - LEFT - RIGHT) / columnLabels.size();
        int step = (int) Math.ceil((double) columnLabels.size() / MAX_X_LABELS);
        for (int column = 0; column < columnLabels.size(); column++) {
            double x = LEFT + column * slot;
            double base = HEIGHT - BOTTOM;
            for (Series layer : series) {
                double height = plotHeight() * valueAt(layer, column) / max;
                if (height > 0) {
                    rect(svg, x + slot * 0.1, base - height, slot * 0.8, height, layer.color());
                }
                base -= height;
            }
            if (column % step == 0) {
                text(svg, x + slot / 2, HEIGHT - BOTTOM + 16, "middle", columnLabels.get(column));
            }
        }
        legend(svg, series.stream().map(s -> new Slice(s.name(), s.color(), 0)).toList(), false);
        return close(svg);
    }

    /** One horizontal bar split by outcome, with a legend giving each count and share. */
    public static String outcomeBar(String title, List<Slice> slices, String emptyText) {
        StringBuilder svg = open(title);
        long total = slices.stream().mapToLong(Slice::value).sum();
        if (total == 0) {
            return empty(svg, emptyText);
        }
        double x = LEFT;
        double width = WIDTH - LEFT - RIGHT;
        for (Slice slice : slices) {
            double part = width * slice.value() / total;
            if (part > 0) {
                rect(svg, x, TOP + 24, part, 48, slice.color());
            }
            x += part;
        }
        legend(svg, slices.stream().map(s -> new Slice(s.name() + ": " + s.value() + " ("
                + percent(s.value(), total) + ")", s.color(), s.value())).toList(), true);
        return close(svg);
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

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\"><title>").append(escape(title))
                .append("</title>");
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

    private static void axes(StringBuilder svg, String xAxis, String yAxis, long max) {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<path d=\"M").append(LEFT).append(' ').append(TOP).append(" V").append(bottom).append(" H")
                .append(WIDTH - RIGHT).append("\" stroke=\"#888\" fill=\"none\"/>");
        text(svg, LEFT - 6, bottom + 4, "end", "0");
        text(svg, LEFT - 6, TOP + 4, "end", Long.toString(max));
        text(svg, LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 8, "middle", xAxis);
        svg.append("<text transform=\"translate(14 ").append(TOP + plotHeight() / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(yAxis)).append("</text>");
    }

    private static void legend(StringBuilder svg, List<Slice> entries, boolean below) {
        double x = below ? LEFT : WIDTH / 2.0;
        double y = below ? TOP + 100 : 32;
        for (Slice entry : entries) {
            rect(svg, x, y - 10, 10, 10, entry.color());
            text(svg, x + 14, y, "start", entry.name());
            if (below) {
                y += 18;
            } else {
                x += 24 + 7.0 * entry.name().length();
            }
        }
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
