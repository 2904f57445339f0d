package io.flightdeck.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static io.flightdeck.report.Html.esc;

/**
 * The report's charts as inline SVG: the new version's weight over time as a step line, and one metric's measured
 * values over time as points joined by a line, with its threshold as a dashed line. Plain SVG elements and
 * attributes, no scripts or fonts; every label is escaped. Stateless; any thread.
 */
final class SvgCharts {

    static final int WIDTH = 880;
    static final int HEIGHT = 220;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private SvgCharts() {
    }

    /** A time window for the x axis; an empty or one-instant window is widened to a minute. */
    record Span(Instant from, Instant to) {
        Span {
            if (!to.isAfter(from)) {
                to = from.plusSeconds(60);
            }
        }

        double x(Instant t) {
            double f = (double) Duration.between(from, t).toMillis() / Duration.between(from, to).toMillis();
            return LEFT + Math.max(0, Math.min(1, f)) * (WIDTH - LEFT - RIGHT);
        }
    }

    /** A step chart of the weight in percent. */
    static String weights(List<ReleaseReport.WeightPoint> points, Span span) {
        StringBuilder b = open("Weight of the new version over time");
        yAxis(b, 0, 100, "%");
        xAxis(b, span);
        StringBuilder path = new StringBuilder();
        double lastY = y(0, 0, 100);
        for (int i = 0; i < points.size(); i++) {
            ReleaseReport.WeightPoint p = points.get(i);
            double x = span.x(p.time());
            double y = y(p.weight(), 0, 100);
            path.append(i == 0 ? "M" : " L").append(f(x)).append(' ').append(f(lastY));
            path.append(" L").append(f(x)).append(' ').append(f(y));
            lastY = y;
        }
        if (!points.isEmpty()) {
            path.append(" L").append(f(WIDTH - RIGHT)).append(' ').append(f(lastY));
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#2f6fdf\" stroke-width=\"3\"/>");
            for (ReleaseReport.WeightPoint p : points) {
                b.append("<circle cx=\"").append(f(span.x(p.time()))).append("\" cy=\"").append(f(y(p.weight(), 0, 100)))
                        .append("\" r=\"4\" fill=\"#2f6fdf\"><title>").append(esc(p.weight() + "% at "
                                + TICK.format(p.time()) + " UTC")).append("</title></circle>");
            }
        } else {
            b.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no weight changes", "middle", "#666"));
        }
        return b.append("</svg>").toString();
    }

    /** One metric's values over time, coloured by their phase, with the threshold of its condition. */
    static String metric(String title, List<GateMeasurement> ms, Span span) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double threshold = Double.NaN;
        for (GateMeasurement m : ms) {
            for (double v : m.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (Double.isFinite(m.threshold())) {
                threshold = m.threshold();
            }
        }
        if (Double.isFinite(threshold)) {
            lo = Math.min(lo, threshold);
            hi = Math.max(hi, threshold);
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        double pad = hi - lo < 1e-9 ? Math.max(Math.abs(hi) * 0.1, 0.01) : (hi - lo) * 0.15;
        lo -= pad;
        hi += pad;
        StringBuilder b = open(title);
        yAxis(b, lo, hi, "");
        xAxis(b, span);
        if (Double.isFinite(threshold)) {
            double ty = y(threshold, lo, hi);
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(f(ty)).append("\" y2=\"").append(f(ty))
                    .append("\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>");
            b.append(text(WIDTH - RIGHT - 4, ty - 6, "threshold " + num(threshold), "end", "#c62828"));
        }
        StringBuilder path = new StringBuilder();
        for (GateMeasurement m : ms) {
            double v = m.value();
            if (Double.isFinite(v)) {
                path.append(path.isEmpty() ? "M" : " L").append(f(span.x(m.time()))).append(' ').append(f(y(v, lo, hi)));
            }
        }
        if (!path.isEmpty()) {
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\"/>");
        }
        for (GateMeasurement m : ms) {
            double v = m.value();
            double x = span.x(m.time());
            String colour = colour(m.phase());
            String tip = m.phase() + " " + (Double.isFinite(v) ? num(v) : "no data") + " at " + TICK.format(m.time())
                    + " UTC: " + m.message();
            if (Double.isFinite(v)) {
                b.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y(v, lo, hi)))
                        .append("\" r=\"5\" fill=\"").append(colour).append("\"><title>").append(esc(tip))
                        .append("</title></circle>");
            } else {
                b.append("<rect x=\"").append(f(x - 4)).append("\" y=\"").append(TOP + 2)
                        .append("\" width=\"8\" height=\"8\" fill=\"").append(colour).append("\"><title>")
                        .append(esc(tip)).append("</title></rect>");
            }
        }
        return b.append("</svg>").toString();
    }

    static String colour(String phase) {
        return switch (phase) {
            case "SUCCESSFUL" -> "#2e7d32";
            case "FAILED", "ERROR" -> "#c62828";
            default -> "#ef8f00";
        };
    }

    private static StringBuilder open(String title) {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\"><title>")
                .append(esc(title)).append("</title>");
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
                .append("\" fill=\"#fafafa\" stroke=\"#bbb\"/>");
        return b;
    }

    private static void yAxis(StringBuilder b, double lo, double hi, String unit) {
        for (int i = 0; i <= 4; i++) {
            double v = lo + (hi - lo) * i / 4;
            double y = y(v, lo, hi);
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#e3e3e3\"/>");
            b.append(text(LEFT - 6, y + 4, num(v) + unit, "end", "#444"));
        }
    }

    private static void xAxis(StringBuilder b, Span span) {
        long ms = Duration.between(span.from(), span.to()).toMillis();
        for (int i = 0; i <= 4; i++) {
            Instant t = span.from().plusMillis(ms * i / 4);
            b.append(text(span.x(t), HEIGHT - BOTTOM + 18, TICK.format(t), i == 0 ? "start" : i == 4 ? "end"
                    : "middle", "#444"));
        }
        b.append(text(WIDTH - RIGHT, HEIGHT - 4, "time (UTC)", "end", "#777"));
    }

    private static double y(double v, double lo, double hi) {
        double f = (v - lo) / (hi - lo);
        return TOP + (1 - f) * (HEIGHT - TOP - BOTTOM);
    }

    private static String text(double x, double y, String s, String anchor, String colour) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" + colour
                + "\" font-size=\"12\">" + esc(s) + "</text>";
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.4f", v)
                .replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String f(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
