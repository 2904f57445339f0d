package io.flightdeck.release;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an analysis' measurements to the release's journal as they come, so the timeline can show why a gate passed
 * or failed even for a run that is still measuring or was cut short by a crash. A hook numbers its measurements
 * {@code metric#n} (as {@link SignalsAnalysisHook} does); the highest number already written is kept in a journal
 * variable tagged with the run, so each measurement is written once, also by an engine that resumed the release.
 * Measurements without a number are written with the verdict only. Engine thread.
 */
final class AnalysisEvents {

    private AnalysisEvents() {
    }

    /**
     * Records the verdict's measurements not written yet as one {@code <action> measured} event.
     *
     * @param run identifies the analysis run (e.g. its start time); a new run starts counting again
     * @param key the journal variable that holds "run count"
     */
    static void recordNew(StepContext ctx, String action, String analysis, String run, AnalysisHook.Verdict v,
                          String key) {
        String seen = ctx.var(key);
        int written = 0;
        if (seen != null && seen.startsWith(run + " ")) {
            written = Integer.parseInt(seen.substring(run.length() + 1));
        }
        Map<String, String> fresh = new LinkedHashMap<>();
        fresh.put("analysis", analysis);
        int highest = written;
        for (Map.Entry<String, String> m : new java.util.TreeMap<>(v.measurements()).entrySet()) {
            int n = sequence(m.getKey());
            if (n > written) {
                fresh.put(m.getKey(), m.getValue());
                highest = Math.max(highest, n);
            }
        }
        if (highest > written) {
            ctx.event(action, "measured", fresh);
            ctx.putVar(key, run + " " + highest);
        }
    }

    /** Every measurement of the verdict with the analysis' name and the verdict's message: a verdict's event. */
    static Map<String, String> details(String analysis, AnalysisHook.Verdict v) {
        Map<String, String> details = new LinkedHashMap<>(v.measurements());
        details.put("analysis", analysis);
        details.put("message", v.message());
        return details;
    }

    /** The n of {@code metric#n}; 0 without one. */
    static int sequence(String key) {
        int hash = key.lastIndexOf('#');
        if (hash < 0 || hash == key.length() - 1) {
            return 0;
        }
        try {
            return Integer.parseInt(key.substring(hash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
