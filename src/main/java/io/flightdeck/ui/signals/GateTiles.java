package io.flightdeck.ui.signals;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a release's snapshot into one {@link GateTile} per analysis step: the step's state from the step strip (found
 * by the step's name, e.g. "analysis success-rate"), the
 * engine's message while it is the current step, and the measurements of the latest journal event of that analysis
 * (the {@code metric#n} details the signals hook writes), the last {@link #SHOWN}. Stateless; any thread.
 */
final class GateTiles {

    static final int SHOWN = 4;
    private static final Pattern MEASUREMENT = Pattern.compile("[A-Za-z0-9._-]+#\\d+");

    private GateTiles() {
    }

    static List<GateTile> of(ReleaseSnapshot s) {
        List<GateTile> out = new ArrayList<>();
        List<ReleaseStep> steps = s.plan().steps();
        // the strip holds the strategy's steps (create, route, ...); an analysis step has the plan step's name
        for (ReleaseStep step : steps) {
            if (step.kind() != ReleaseStep.Kind.ANALYSIS) {
                continue;
            }
            ReleaseSnapshot.StepState state = s.aborting() ? ReleaseSnapshot.StepState.WAITING
                    : s.steps().stream().filter(v -> v.name().equals(step.toString())).findFirst()
                    .map(ReleaseSnapshot.StepView::state).orElse(ReleaseSnapshot.StepState.WAITING);
            ReleaseEvent last = lastEvent(s, step.analysis());
            List<String> measured = last == null ? List.of() : measurements(last.details());
            String text;
            GateTile.Tone tone;
            if (last != null && last.outcome().equals("failed")) {
                text = "failed: " + last.details().getOrDefault("message", "");
                tone = GateTile.Tone.DANGER;
            } else if (last != null && last.outcome().equals("passed")) {
                text = "passed: " + last.details().getOrDefault("message", "");
                tone = GateTile.Tone.OK;
            } else if (state == ReleaseSnapshot.StepState.CURRENT) {
                boolean waiting = s.message().contains("inconclusive") || s.message().contains("approval")
                        || s.message().contains("no data");
                text = s.message().isEmpty() ? "measuring" : s.message();
                tone = waiting ? GateTile.Tone.WARN : GateTile.Tone.RUNNING;
            } else if (state == ReleaseSnapshot.StepState.FAILED) {
                text = "failed";
                tone = GateTile.Tone.DANGER;
            } else if (state == ReleaseSnapshot.StepState.DONE) {
                text = "done";
                tone = GateTile.Tone.OK;
            } else {
                text = "not started";
                tone = GateTile.Tone.NEUTRAL;
            }
            out.add(new GateTile(step.analysis(), text, tone, measured));
        }
        return out;
    }

    private static ReleaseEvent lastEvent(ReleaseSnapshot s, String analysis) {
        ReleaseEvent last = null;
        for (ReleaseEvent e : s.events()) {
            if (e.action().equals("analysis") && analysis.equals(e.details().get("analysis"))) {
                last = e;
            }
        }
        return last;
    }

    /** The event's measurements in their order, the last {@link #SHOWN}, "metric#n: phase [values]" each. */
    static List<String> measurements(Map<String, String> details) {
        List<String> out = new ArrayList<>();
        details.entrySet().stream().filter(e -> MEASUREMENT.matcher(e.getKey()).matches())
                .sorted((a, b) -> Integer.compare(index(a.getKey()), index(b.getKey())))
                .forEach(e -> out.add(e.getKey() + ": " + shorten(e.getValue())));
        return out.subList(Math.max(0, out.size() - SHOWN), out.size());
    }

    private static int index(String key) {
        return Integer.parseInt(key.substring(key.indexOf('#') + 1));
    }

    /** "FAILED [0.93] at 2026-...Z: result >= 0.99" without the timestamp. */
    private static String shorten(String v) {
        return v.replaceFirst(" at \\S+: ", ": ");
    }
}
