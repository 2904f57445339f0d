package io.flightdeck.release;

import io.flightdeck.model.ReleasePhase;

import java.time.Instant;
import java.util.Map;

/**
 * The moving part of a release's journal: phase, forward or abort steps, the current step and when it started,
 * whether it was promoted, full promotion, an operator's pause, the last error, the strategy's variables, and the
 * identity of the engine that wrote it. Immutable; the driver replaces it on every change.
 */
public record JournalState(ReleasePhase phase, boolean aborting, int step, Instant stepStartedAt, boolean promoted,
                           boolean promotedFull, boolean userPaused, String error, Map<String, String> vars,
                           String driver) {

    public JournalState {
        error = error == null ? "" : error;
        vars = vars == null ? Map.of() : Map.copyOf(vars);
        driver = driver == null ? "" : driver;
    }

    static JournalState first(Instant now, String driver) {
        return new JournalState(ReleasePhase.PROGRESSING, false, 0, now, false, false, false, "", Map.of(), driver);
    }

    JournalState withPhase(ReleasePhase p) {
        return new JournalState(p, aborting, step, stepStartedAt, promoted, promotedFull, userPaused, error, vars,
                driver);
    }

    JournalState withStep(int s, Instant startedAt) {
        return new JournalState(phase, aborting, s, startedAt, false, promotedFull, userPaused, error, vars, driver);
    }

    JournalState withAborting(Instant now) {
        return new JournalState(ReleasePhase.ABORTING, true, 0, now, false, false, false, "", vars, driver);
    }

    JournalState withPromoted(boolean p) {
        return new JournalState(phase, aborting, step, stepStartedAt, p, promotedFull, userPaused, error, vars, driver);
    }

    JournalState withPromotedFull() {
        return new JournalState(phase, aborting, step, stepStartedAt, promoted, true, userPaused, error, vars, driver);
    }

    JournalState withUserPaused(boolean p) {
        return new JournalState(phase, aborting, step, stepStartedAt, promoted, promotedFull, p, error, vars, driver);
    }

    JournalState withError(String e) {
        return new JournalState(phase, aborting, step, stepStartedAt, promoted, promotedFull, userPaused, e, vars,
                driver);
    }

    JournalState withVars(Map<String, String> v) {
        return new JournalState(phase, aborting, step, stepStartedAt, promoted, promotedFull, userPaused, error, v,
                driver);
    }

    JournalState withDriver(String d) {
        return new JournalState(phase, aborting, step, stepStartedAt, promoted, promotedFull, userPaused, error, vars,
                d);
    }
}
