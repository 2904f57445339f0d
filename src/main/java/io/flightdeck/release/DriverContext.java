package io.flightdeck.release;

import io.flightdeck.model.ReleasePlan;

import java.time.Instant;
import java.util.Map;

/** The {@link StepContext} a driver hands its steps: a view of its state. Engine thread. */
final class DriverContext implements StepContext {

    private final JournalRecord origin;
    private final DriverState state;
    private final Kube kube;
    private final EngineSettings settings;

    DriverContext(JournalRecord origin, DriverState state, Kube kube, EngineSettings settings) {
        this.origin = origin;
        this.state = state;
        this.kube = kube;
        this.settings = settings;
    }

    @Override
    public String releaseId() {
        return origin.id();
    }

    @Override
    public ReleasePlan plan() {
        return origin.plan();
    }

    @Override
    public Baseline baseline() {
        return origin.baseline();
    }

    @Override
    public Kube kube() {
        return kube;
    }

    @Override
    public String var(String key) {
        return state.var(key);
    }

    @Override
    public void putVar(String key, String value) {
        state.putVar(key, value);
    }

    @Override
    public Instant now() {
        return settings.clock().instant();
    }

    @Override
    public Instant stepStartedAt() {
        return state.state().stepStartedAt();
    }

    @Override
    public boolean promoted() {
        return state.state().promoted();
    }

    @Override
    public boolean promotedFull() {
        return state.state().promotedFull();
    }

    @Override
    public AnalysisHook analysis() {
        return settings.analysis();
    }

    @Override
    public void event(String action, String outcome, Map<String, String> details) {
        state.record(action, outcome, details);
    }

    @Override
    public Map<String, String> ownedLabels() {
        return Map.of(Steps.MANAGED_BY, Steps.FLIGHTDECK, Steps.RELEASE, origin.id());
    }
}
