package io.flightdeck.model;

/** Where a release stands. */
public enum ReleasePhase {
    /** Running its steps. */
    PROGRESSING,
    /** Waiting: for a promotion, after a pause by the operator, or after an error (then the snapshot has one). */
    PAUSED,
    /** Putting everything back as it was before the release. */
    ABORTING,
    /** Finished: the new version serves. */
    SUCCEEDED,
    /** Finished: everything is as before the release. */
    ABORTED;

    public boolean terminal() {
        return this == SUCCEEDED || this == ABORTED;
    }
}
