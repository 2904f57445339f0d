package io.flightdeck.signals.analysis;

import java.time.Duration;

/**
 * One analysis metric as Argo Rollouts defines them: a name, a query with placeholders ({@code {{namespace}}},
 * {@code {{deployment}}}, {@code {{track}}}, {@code {{podTemplateHash}}}), how often and how many times to measure,
 * the success and failure conditions (either may be null, not both), and the failure, inconclusive and
 * consecutive-error limits. Immutable.
 */
public record MetricSpec(String name, String query, Duration interval, int count, Condition success,
                         Condition failure, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit) {

    /** Argo Rollouts' default for consecutiveErrorLimit. */
    public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

    public MetricSpec {
        if (success == null && failure == null) {
            throw new IllegalArgumentException("metric " + name + " needs a successCondition or a failureCondition");
        }
        if (count < 1) {
            throw new IllegalArgumentException("metric " + name + ": count must be at least 1");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("metric " + name + ": interval must be positive");
        }
    }

    public static MetricSpec of(String name, String query, Duration interval, int count, String success,
                                String failure) {
        return new MetricSpec(name, query, interval, count, success == null ? null : Condition.parse(success),
                failure == null ? null : Condition.parse(failure), 0, 0, DEFAULT_CONSECUTIVE_ERROR_LIMIT);
    }

    public MetricSpec withLimits(int failures, int inconclusive, int consecutiveErrors) {
        return new MetricSpec(name, query, interval, count, success, failure, failures, inconclusive,
                consecutiveErrors);
    }
}
