package io.flightdeck.app;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleaseSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line says about a release's signal gates: the gate that failed with every measurement behind
 * it (values, condition, phase), read from the journal's "analysis failed" event, and whether a paused release waits
 * at a gate. Pure; main thread.
 */
final class GateReport {

    private GateReport() {
    }

    /** The text for the last failed gate of the release, if one failed. */
    static Optional<String> failed(ReleaseSnapshot s) {
        ReleaseEvent failed = null;
        for (ReleaseEvent e : s.events()) {
            if (e.action().equals("analysis") && e.outcome().equals("failed")) {
                failed = e;
            }
        }
        if (failed == null) {
            return Optional.empty();
        }
        Map<String, String> d = failed.details();
        StringBuilder b = new StringBuilder("flightdeck: gate ").append(d.getOrDefault("analysis", "?"))
                .append(" failed: ").append(d.getOrDefault("message", "")).append('\n');
        List<String> keys = new ArrayList<>(d.keySet().stream().filter(k -> k.contains("#")).toList());
        keys.sort(Comparator.comparingInt(GateReport::index));
        for (String k : keys) {
            b.append("  ").append(k).append(": ").append(d.get(k)).append('\n');
        }
        return Optional.of(b.toString());
    }

    /** One line per gate the release passed, with how many measurements it took. */
    static String passed(ReleaseSnapshot s) {
        StringBuilder b = new StringBuilder();
        for (ReleaseEvent e : s.events()) {
            if (e.action().equals("analysis") && e.outcome().equals("passed")) {
                long n = e.details().keySet().stream().filter(k -> k.contains("#")).count();
                b.append("gate ").append(e.details().getOrDefault("analysis", "?")).append(" passed: ").append(n)
                        .append(" measurements; ").append(e.details().getOrDefault("message", "")).append('\n');
            }
        }
        return b.toString();
    }

    /** Whether the paused release waits at an analysis step. */
    static boolean atGate(ReleaseSnapshot s) {
        return s.stepIndex() < s.steps().size() && s.steps().get(s.stepIndex()).name().startsWith("analysis ");
    }

    /** The analysis the release waits at. */
    static String gate(ReleaseSnapshot s) {
        return s.steps().get(s.stepIndex()).name().substring("analysis ".length());
    }

    private static int index(String key) {
        try {
            return Integer.parseInt(key.substring(key.lastIndexOf('#') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
