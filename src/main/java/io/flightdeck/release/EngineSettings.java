package io.flightdeck.release;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an engine runs: the lock's duration and renewal period (15 s and 5 s), how often a driver reconciles its step,
 * how often a read-only view re-reads the journal, the analysis hook, a step hook, and the clock. Immutable.
 *
 * @param stepHook called on the engine's thread before a step first runs; returning false stops the engine there as
 *                 if its process had died (the lock is not released, nothing more is written). For crash tests and
 *                 diagnostics.
 */
public record EngineSettings(Duration leaseDuration, Duration renewEvery, Duration tick, Duration observeEvery,
                             AnalysisHook analysis, StepHook stepHook, Clock clock) {

    /** Called before each step first runs, on the engine's thread. */
    @FunctionalInterface
    public interface StepHook {
        boolean proceed(String releaseId, boolean aborting, int index, String step);

        StepHook ALWAYS = (id, aborting, index, step) -> true;
    }

    public EngineSettings {
        Objects.requireNonNull(leaseDuration);
        Objects.requireNonNull(renewEvery);
        Objects.requireNonNull(tick);
        Objects.requireNonNull(observeEvery);
        Objects.requireNonNull(analysis);
        Objects.requireNonNull(stepHook);
        Objects.requireNonNull(clock);
        if (renewEvery.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the lock must be renewed more often than it lasts");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(250),
                Duration.ofSeconds(1), AnalysisHook.MANUAL, StepHook.ALWAYS, Clock.systemUTC());
    }

    public EngineSettings withLease(Duration duration, Duration renew) {
        return new EngineSettings(duration, renew, tick, observeEvery, analysis, stepHook, clock);
    }

    public EngineSettings withTick(Duration t) {
        return new EngineSettings(leaseDuration, renewEvery, t, observeEvery, analysis, stepHook, clock);
    }

    public EngineSettings withObserveEvery(Duration d) {
        return new EngineSettings(leaseDuration, renewEvery, tick, d, analysis, stepHook, clock);
    }

    public EngineSettings withAnalysis(AnalysisHook hook) {
        return new EngineSettings(leaseDuration, renewEvery, tick, observeEvery, hook, stepHook, clock);
    }

    public EngineSettings withStepHook(StepHook hook) {
        return new EngineSettings(leaseDuration, renewEvery, tick, observeEvery, analysis, hook, clock);
    }
}
