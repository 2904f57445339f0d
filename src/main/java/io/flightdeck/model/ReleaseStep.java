package io.flightdeck.model;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a release plan, as in Argo Rollouts. {@code SET_WEIGHT}: canary, send {@code percent}% of traffic to the
 * new version; rolling, update until {@code percent}% of the replicas run the new version, then hold the Deployment
 * paused. {@code PAUSE}: wait until promoted, or for {@code duration} when it is set. {@code ANALYSIS}: ask the
 * analysis hook named {@code analysis}; until the signals work lands that is a manual approval. Immutable.
 */
public record ReleaseStep(Kind kind, int percent, Duration duration, String analysis) {

    public enum Kind { SET_WEIGHT, PAUSE, ANALYSIS }

    public ReleaseStep {
        Objects.requireNonNull(kind, "kind");
        analysis = analysis == null ? "" : analysis;
        if (kind == Kind.SET_WEIGHT && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("a weight is between 0 and 100: " + percent);
        }
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("a pause must not be negative: " + duration);
        }
    }

    public static ReleaseStep setWeight(int percent) {
        return new ReleaseStep(Kind.SET_WEIGHT, percent, null, "");
    }

    /** A pause until promoted. */
    public static ReleaseStep pause() {
        return new ReleaseStep(Kind.PAUSE, 0, null, "");
    }

    public static ReleaseStep pause(Duration duration) {
        return new ReleaseStep(Kind.PAUSE, 0, duration, "");
    }

    public static ReleaseStep analysis(String name) {
        return new ReleaseStep(Kind.ANALYSIS, 0, null, name);
    }

    /** Whether this step waits for a promotion (a pause without duration, or an analysis). */
    public boolean waitsForPromotion() {
        return kind == Kind.ANALYSIS || kind == Kind.PAUSE && duration == null;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SET_WEIGHT -> "setWeight " + percent;
            case PAUSE -> duration == null ? "pause" : "pause " + duration.toSeconds() + "s";
            case ANALYSIS -> "analysis " + analysis;
        };
    }
}
