package io.flightdeck.release;

import io.flightdeck.model.ReleasePlan;

import java.time.Instant;
import java.util.Map;

/**
 * What a step sees while it reconciles: the plan, the baseline, the cluster, the release's persisted variables (kept
 * in the journal with the step, e.g. when a switch happened), the time its current step started, whether it has been
 * promoted, and a way to record a timeline event. Used on the engine's thread only.
 */
public interface StepContext {

    String releaseId();

    ReleasePlan plan();

    Baseline baseline();

    Kube kube();

    /** A persisted variable, or null. */
    String var(String key);

    /** Sets a persisted variable; the journal is written before the release moves on. */
    void putVar(String key, String value);

    Instant now();

    Instant stepStartedAt();

    /** Whether the operator promoted the current step. */
    boolean promoted();

    /** Whether the operator promoted the release in full. */
    boolean promotedFull();

    AnalysisHook analysis();

    /** Records an event on the release's timeline (and in its journal). */
    void event(String action, String outcome, Map<String, String> details);

    /** Labels for every object the release creates: managed-by Flightdeck and the release id. */
    Map<String, String> ownedLabels();
}
