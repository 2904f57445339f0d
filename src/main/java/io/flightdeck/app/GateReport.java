package io.flightdeck.app;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleaseSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line says about a release's signal gates (analysis steps, background and post-promotion
 * analysis): the gate that failed with every measurement behind it (values, condition, phase), read from the
 * journal's "failed" event, and whether a paused release waits on an inconclusive one. Pure; main thread.
 */
final class GateReport {

    /** How each analysis' journal action is named to the user. */
    private static final Map<String, String> KINDS = Map.of("analysis", "gate", "background-analysis",
            "background analysis", "post-promotion-analysis", "post-promotion analysis");

    private GateReport() {
    }

    /** The text for the last failed gate of the release, if one failed. */
    static Optional<String> failed(ReleaseSnapshot s) {
        ReleaseEvent failed = null;
        for (ReleaseEvent e : s.events()) {
            if (KINDS.containsKey(e.action()) && e.outcome().equals("failed")) {
                failed = e;
            }
        }
        if (failed == null) {
            return Optional.empty();
        }
        Map<String, String> d = failed.details();
        StringBuilder b = new StringBuilder("flightdeck: ").append(KINDS.get(failed.action())).append(' ')
                .append(d.getOrDefault("analysis", "?"))
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
            if (KINDS.containsKey(e.action()) && e.outcome().equals("passed")) {
                long n = e.details().keySet().stream().filter(k -> k.contains("#")).count();
                b.append(KINDS.get(e.action())).append(' ').append(e.details().getOrDefault("analysis", "?"))
                        .append(" passed: ").append(n)
                        .append(" measurements; ").append(e.details().getOrDefault("message", "")).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The analysis a paused release waits on because it was inconclusive: its analysis step, or a background or
     * post-promotion analysis whose last verdict was inconclusive (and not accepted since).
     */
    static Optional<String> inconclusive(ReleaseSnapshot s) {
        if (atGate(s)) {
            return Optional.of("gate " + gate(s));
        }
        ReleaseEvent last = null;
        for (ReleaseEvent e : s.events()) {
            if (e.action().equals("background-analysis") || e.action().equals("post-promotion-analysis")) {
                last = e;
            }
        }
        return last != null && last.outcome().equals("inconclusive")
                ? Optional.of(KINDS.get(last.action()) + " " + last.details().getOrDefault("analysis", "?"))
                : Optional.empty();
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
