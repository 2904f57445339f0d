package io.flightdeck.ui.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Deployment revision ran, flattened for comparison: keys such as {@code image app},
 * {@code env app LOG_LEVEL}, {@code resources app limits.cpu}, each with its value. Immutable.
 */
public record RevisionDetail(long number, Instant created, Map<String, String> settings) {

    public RevisionDetail {
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** The differences from {@code older} to this revision, one line each, in key order. */
    public List<String> differencesFrom(RevisionDetail older) {
        TreeMap<String, String> all = new TreeMap<>(older.settings);
        all.putAll(settings);
        return all.keySet().stream().<String>mapMulti((k, out) -> {
            String was = older.settings.get(k);
            String now = settings.get(k);
            if (was == null) {
                out.accept("+ " + k + " = " + now);
            } else if (now == null) {
                out.accept("- " + k + " (was " + was + ")");
            } else if (!was.equals(now)) {
                out.accept("~ " + k + ": " + was + " -> " + now);
            }
        }).toList();
    }
}
