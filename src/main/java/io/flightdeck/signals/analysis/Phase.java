package io.flightdeck.signals.analysis;

/** The phase of a measurement, a metric or a whole analysis, as in Argo Rollouts. */
public enum Phase {
    RUNNING, SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR;

    /** How bad a completed phase is, for "the worst phase wins": Error > Failed > Inconclusive > Successful. */
    int severity() {
        return switch (this) {
            case SUCCESSFUL -> 0;
            case INCONCLUSIVE -> 1;
            case FAILED -> 2;
            case ERROR -> 3;
            case RUNNING -> -1;
        };
    }
}
