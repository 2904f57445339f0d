package io.flightdeck.ui.signals;

import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseSummary;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;

import java.util.Optional;

/**
 * The release in flight on a Deployment, read through a release engine: the journals in flight name it, a read-only
 * view ({@link ReleaseEngine#observe}) follows it; once it has finished, its last snapshot (how it ended, the gates'
 * measurements) is kept until another release starts on the target or another target is asked for. Called on one
 * background thread at a time (synchronized).
 */
public final class EngineReleaseLookup implements ReleaseLookup, AutoCloseable {

    private final ReleaseEngine engine;
    private ReleaseHandle observed;
    private WorkloadKey observedTarget;

    public EngineReleaseLookup(ReleaseEngine engine) {
        this.engine = engine;
    }

    @Override
    public synchronized Optional<ReleaseSnapshot> inFlight(WorkloadKey target) {
        if (observed != null && target.equals(observedTarget)) {
            ReleaseSnapshot last = observed.snapshot();
            if (!last.phase().terminal()) {
                return Optional.of(last);
            }
            Optional<ReleaseSummary> next = find(target);
            if (next.isEmpty() || next.get().id().equals(observed.id())) {
                return Optional.of(last);
            }
        }
        close();
        Optional<ReleaseSummary> found = find(target);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        observed = engine.observe(target.namespace(), found.get().id());
        observedTarget = target;
        return Optional.of(observed.snapshot());
    }

    private Optional<ReleaseSummary> find(WorkloadKey target) {
        return engine.inFlight(target.namespace()).stream().filter(s -> s.target().equals(target)).findFirst();
    }

    @Override
    public synchronized void close() {
        if (observed != null) {
            observed.close();
            observed = null;
            observedTarget = null;
        }
    }
}
