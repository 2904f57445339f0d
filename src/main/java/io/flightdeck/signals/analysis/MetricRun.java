package io.flightdeck.signals.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The measurements of one metric so far and what they add up to, with Argo Rollouts' rules: each measurement is
 * Successful, Failed or Inconclusive by the conditions (no data is Inconclusive, never a pass; a query error is
 * Error); the metric is Failed once failures exceed failureLimit, Inconclusive once inconclusives exceed
 * inconclusiveLimit, Error once consecutive errors exceed consecutiveErrorLimit, and Successful after
 * {@code count} measurements without any of that. Not thread-safe: one analysis thread owns it.
 */
public final class MetricRun {

    private final MetricSpec spec;
    private final List<Measurement> measurements = new ArrayList<>();
    private int failed;
    private int inconclusive;
    private int consecutiveErrors;
    private Phase phase = Phase.RUNNING;
    private String message = "";

    public MetricRun(MetricSpec spec) {
        this.spec = spec;
    }

    /** Judges one measurement's values by the conditions. */
    public static Phase judge(MetricSpec spec, List<Double> values) {
        if (values.isEmpty()) {
            return Phase.INCONCLUSIVE;
        }
        boolean ok = spec.success() != null && spec.success().test(values);
        boolean bad = spec.failure() != null && spec.failure().test(values);
        if (spec.success() != null && spec.failure() != null) {
            return bad ? Phase.FAILED : ok ? Phase.SUCCESSFUL : Phase.INCONCLUSIVE;
        }
        if (spec.success() != null) {
            return ok ? Phase.SUCCESSFUL : Phase.FAILED;
        }
        return bad ? Phase.FAILED : Phase.SUCCESSFUL;
    }

    /** Adds a measurement and reassesses; returns the metric's phase after it. */
    public Phase add(Measurement m) {
        if (phase != Phase.RUNNING) {
            throw new IllegalStateException("metric " + spec.name() + " is already " + phase);
        }
        measurements.add(m);
        switch (m.phase()) {
            case FAILED -> {
                failed++;
                consecutiveErrors = 0;
            }
            case INCONCLUSIVE -> {
                inconclusive++;
                consecutiveErrors = 0;
            }
            case ERROR -> consecutiveErrors++;
            default -> consecutiveErrors = 0;
        }
        if (failed > spec.failureLimit()) {
            finish(Phase.FAILED, "failed (" + failed + ") > failureLimit (" + spec.failureLimit() + ")");
        } else if (inconclusive > spec.inconclusiveLimit()) {
            finish(Phase.INCONCLUSIVE, "inconclusive (" + inconclusive + ") > inconclusiveLimit ("
                    + spec.inconclusiveLimit() + ")");
        } else if (consecutiveErrors > spec.consecutiveErrorLimit()) {
            finish(Phase.ERROR, "consecutiveErrors (" + consecutiveErrors + ") > consecutiveErrorLimit ("
                    + spec.consecutiveErrorLimit() + ")");
        } else if (measurements.size() >= spec.count()) {
            finish(Phase.SUCCESSFUL, measurements.size() + " measurements within limits");
        }
        return phase;
    }

    private void finish(Phase p, String why) {
        phase = p;
        message = why + (measurements.isEmpty() ? "" : "; last: " + measurements.get(measurements.size() - 1)
                .message());
    }

    public MetricSpec spec() {
        return spec;
    }

    public Phase phase() {
        return phase;
    }

    public String message() {
        return message;
    }

    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }
}
