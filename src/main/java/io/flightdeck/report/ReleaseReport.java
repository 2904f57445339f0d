package io.flightdeck.report;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a release report holds, taken from a release's snapshot (which carries its whole journal): the plan, the
 * steps with their states, every action with actor and time, every gate measurement (de-duplicated: each analysis
 * event repeats the run's measurements so far), the weight over time, and the outcome with its reason. Immutable;
 * built on any thread.
 *
 * @param reason why the release ended as it did: the abort's reason, the last error, or ""
 */
public record ReleaseReport(String id, ReleasePlan plan, ReleasePhase phase, boolean aborting,
                            List<ReleaseSnapshot.StepView> steps, List<ReleaseEvent> actions,
                            List<GateMeasurement> measurements, List<WeightPoint> weights, List<StepRun> stepRuns,
                            Instant started, Instant ended, String reason, String error) {

    /**
     * A step as it ran, from the journal's events: when it ended, whether it was one of the abort steps, its name,
     * and how it ended ("done", "failed", or "aborted here" for the step the abort interrupted).
     */
    public record StepRun(Instant time, boolean abort, String step, String outcome, String note) {
    }

    /** The traffic weight of the new version from {@code time} on. */
    public record WeightPoint(Instant time, int weight) {
    }

    public ReleaseReport {
        steps = List.copyOf(steps);
        actions = List.copyOf(actions);
        measurements = List.copyOf(measurements);
        weights = List.copyOf(weights);
        stepRuns = List.copyOf(stepRuns);
    }

    public static ReleaseReport of(ReleaseSnapshot s) {
        List<ReleaseEvent> events = s.events();
        Map<String, GateMeasurement> measured = new LinkedHashMap<>();
        List<WeightPoint> weights = new ArrayList<>();
        List<StepRun> runs = new ArrayList<>();
        String reason = "";
        for (ReleaseEvent e : events) {
            for (GateMeasurement m : GateMeasurement.of(e)) {
                measured.put(m.analysis() + "|" + m.metric() + "|" + m.time(), m);
            }
            switch (e.action()) {
                case "weight" -> weight(e.details().get("weight")).ifPresent(w -> weights.add(new WeightPoint(e.time(), w)));
                case "step", "abort-step" -> runs.add(new StepRun(e.time(), e.action().equals("abort-step"),
                        e.details().getOrDefault("step", ""), e.outcome(), e.details().getOrDefault("note",
                        e.details().getOrDefault("error", ""))));
                case "abort" -> {
                    if ("started".equals(e.outcome())) {
                        reason = e.details().getOrDefault("reason", "");
                        String at = e.details().getOrDefault("atStep", "");
                        if (!at.isEmpty()) {
                            runs.add(new StepRun(e.time(), false, at, "aborted here", reason));
                        }
                        weights.add(new WeightPoint(e.time(), 0));
                    }
                }
                case "release" -> {
                    if ("succeeded".equals(e.outcome()) && s.weight() >= 0) {
                        weights.add(new WeightPoint(e.time(), 100));
                    }
                }
                default -> {
                }
            }
        }
        Instant started = events.isEmpty() ? null : events.get(0).time();
        Instant ended = events.isEmpty() ? null : events.get(events.size() - 1).time();
        if (started != null && s.weight() >= 0) {
            weights.add(0, new WeightPoint(started, 0));
        }
        List<GateMeasurement> ms = new ArrayList<>(measured.values());
        ms.sort(java.util.Comparator.comparing(GateMeasurement::time));
        return new ReleaseReport(s.id(), s.plan(), s.phase(), s.aborting(), s.steps(), events, ms, weights, runs,
                started, ended, reason, s.error());
    }

    private static java.util.Optional<Integer> weight(String text) {
        try {
            return text == null ? java.util.Optional.empty() : java.util.Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The outcome in words: "succeeded", "aborted: why", "in flight (paused)"... */
    public String outcome() {
        return switch (phase) {
            case SUCCEEDED -> "succeeded";
            case ABORTED -> "aborted" + (reason.isEmpty() ? "" : ": " + reason);
            case ABORTING -> "aborting" + (reason.isEmpty() ? "" : ": " + reason);
            default -> "in flight (" + phase.name().toLowerCase() + (aborting ? ", aborting" : "") + ")";
        };
    }

    /** The metrics measured, in the order first measured. */
    public List<String> metrics() {
        return measurements.stream().map(m -> m.analysis() + " / " + m.metric()).distinct().toList();
    }
}
