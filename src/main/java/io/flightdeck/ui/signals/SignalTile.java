package io.flightdeck.ui.signals;

import java.util.List;

/**
 * What one tile shows: a title, one row per version (its track, the value as text, or "no data"), the recent values
 * of each version for the sparkline (bounded, NaN where there was no data), and a note under them. Immutable.
 */
public record SignalTile(String id, String title, List<Row> rows, String note) {

    public SignalTile {
        rows = List.copyOf(rows);
        note = note == null ? "" : note;
    }

    /** One version's line on a tile; {@code series} oldest first. */
    public record Row(String track, String text, boolean noData, List<Double> series) {
        public Row {
            series = List.copyOf(series);
        }
    }

    /** The row of a track, or null. */
    public Row row(String track) {
        return rows.stream().filter(r -> r.track().equals(track)).findFirst().orElse(null);
    }
}
