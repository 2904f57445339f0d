package io.flightdeck.ui.signals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sparkline history of every tile and version: the last {@link #POINTS} readings each, oldest dropped, NaN kept
 * as a gap. Cleared when another Deployment is selected. FX thread.
 */
final class Sparks {

    static final int POINTS = 60;

    private final Map<String, Deque<Double>> series = new HashMap<>();

    /** Adds a reading of a tile's version and returns its series, oldest first. */
    List<Double> add(String tile, String track, double value) {
        Deque<Double> d = series.computeIfAbsent(tile + "/" + track, k -> new ArrayDeque<>());
        d.addLast(value);
        while (d.size() > POINTS) {
            d.removeFirst();
        }
        return List.copyOf(d);
    }

    void clear() {
        series.clear();
    }
}
