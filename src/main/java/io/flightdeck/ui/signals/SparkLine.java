package io.flightdeck.ui.signals;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small sparkline of one or two versions' recent values on a shared scale, drawn as polylines; a NaN breaks the
 * line (no data is a gap, not a zero). Coloured by track through the style classes {@code spark-stable},
 * {@code spark-canary}, {@code spark-green}. FX thread.
 */
final class SparkLine extends Region {

    private Map<String, List<Double>> series = Map.of();

    SparkLine() {
        getStyleClass().add("spark-line");
        setMinHeight(28);
        setPrefHeight(36);
    }

    /** Shows these series (by track, oldest first, at most {@link Sparks#POINTS} each). */
    void show(Map<String, List<Double>> next) {
        series = next;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        getChildren().clear();
        double w = getWidth() - 4;
        double h = getHeight() - 4;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> s : series.values()) {
            for (double v : s) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (w <= 0 || h <= 0 || min > max) {
            return;
        }
        double span = max - min < 1e-9 ? Math.max(Math.abs(max), 1) : max - min;
        double lo = max - min < 1e-9 ? min - span / 2 : min;
        double step = w / (Sparks.POINTS - 1);
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> s = e.getValue();
            double x0 = 2 + w - (s.size() - 1) * step;
            List<Double> points = new ArrayList<>();
            for (int i = 0; i <= s.size(); i++) {
                double v = i < s.size() ? s.get(i) : Double.NaN;
                if (Double.isNaN(v)) {
                    addLine(points, e.getKey());
                    points = new ArrayList<>();
                    continue;
                }
                points.add(x0 + i * step);
                points.add(2 + h - (v - lo) / span * h);
            }
        }
    }

    private void addLine(List<Double> points, String track) {
        if (points.size() < 4) {
            return;
        }
        Polyline line = new Polyline(points.stream().mapToDouble(Double::doubleValue).toArray());
        line.getStyleClass().addAll("spark", "spark-" + track);
        line.setManaged(false);
        getChildren().add(line);
    }
}
