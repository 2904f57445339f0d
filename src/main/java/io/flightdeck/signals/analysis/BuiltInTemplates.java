package io.flightdeck.signals.analysis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis templates Flightdeck ships, over the request metrics an instrumented app exports
 * ({@code http_requests_total{code}}, {@code http_request_duration_seconds} histogram) labelled namespace, deployment,
 * track and pod_template_hash: HTTP success rate, p99 latency, and the canary-against-stable comparison that judges
 * the canary's error ratio over time with a Mann-Whitney U test ({@link StableComparison}), and container restarts
 * of the new version's pods from kube-state-metrics' {@code kube_pod_container_status_restarts_total} (by pod name,
 * as kube-state-metrics has no deployment label; the new version's pods are new, so any restart counts). The new
 * version is told apart by Deployment and track (canary, green) or, in a rolling release, by pod_template_hash
 * ({@link #HASH_MATCH}). Stateless.
 */
public final class BuiltInTemplates {

    public static final String SUCCESS_RATE = "success-rate";
    public static final String LATENCY_P99 = "latency-p99";
    public static final String CANARY_VS_STABLE = "canary-vs-stable";
    public static final String RESTARTS = "restarts";

    /**
     * The placeholder the built-in templates match pod_template_hash with: the new ReplicaSet's hash for a rolling
     * release (old and new pods share Deployment and track), {@code .*} when the new version has its own Deployment.
     */
    public static final String HASH_MATCH = "podTemplateHashMatch";

    /** Label matchers of the version under test; deployment, track and hash are regular expressions (=~). */
    private static final String SELECTOR = "namespace=\"{{namespace}}\",deployment=~\"{{deployment}}\","
            + "track=~\"{{track}}\",pod_template_hash=~\"{{" + HASH_MATCH + "}}\"";

    private BuiltInTemplates() {
    }

    public static List<String> names() {
        return List.of(SUCCESS_RATE, LATENCY_P99, CANARY_VS_STABLE, RESTARTS);
    }

    /** The metric of a built-in template, measuring every {@code interval}, {@code count} times. */
    public static Optional<MetricSpec> metric(String name, Duration interval, int count) {
        String window = window(interval);
        return switch (name) {
            case SUCCESS_RATE -> Optional.of(MetricSpec.of(SUCCESS_RATE,
                    "sum(rate(http_requests_total{" + SELECTOR + ",code!~\"5..\"}[" + window + "])) / "
                            + "sum(rate(http_requests_total{" + SELECTOR + "}[" + window + "]))",
                    interval, count, "result >= 0.99", null));
            case LATENCY_P99 -> Optional.of(MetricSpec.of(LATENCY_P99,
                    "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{" + SELECTOR
                            + "}[" + window + "])))",
                    interval, count, "result < 0.5", null));
            case CANARY_VS_STABLE -> Optional.of(MetricSpec.of(CANARY_VS_STABLE,
                    StableComparison.QUERY_MARKER + "sum(rate(http_requests_total{namespace=\"{{namespace}}\","
                            + "track=~\"TRACK\",deployment=~\"{{app}}(-canary|-green)?\",code=~\"5..\"}["
                            + window + "])) / sum(rate(http_requests_total{namespace=\"{{namespace}}\","
                            + "track=~\"TRACK\",deployment=~\"{{app}}(-canary|-green)?\"}[" + window + "]))",
                    interval, count, "result > 0.05", null).withLimits(0, count, 4));
            case RESTARTS -> Optional.of(MetricSpec.of(RESTARTS,
                    "sum(kube_pod_container_status_restarts_total{namespace=\"{{namespace}}\",pod=~\"({{deployment}})"
                            + "-({{" + HASH_MATCH + "}})-[a-z0-9]+\"})",
                    interval, count, null, "result > 0"));
            default -> Optional.empty();
        };
    }

    /** The rate window for an interval: at least 10 s, as Prometheus' rate() needs two samples in it. */
    static String window(Duration interval) {
        return windowLength(interval).toSeconds() + "s";
    }

    /**
     * How long the built-in templates' rate window is for a measuring interval; an analysis waits this long before
     * its first measurement, so the window holds the new version's samples.
     */
    public static Duration windowLength(Duration interval) {
        return Duration.ofSeconds(Math.max(10, interval.toSeconds() * 2));
    }

    /**
     * The placeholders for a new version in its own Deployment (canary, green), told apart by {@code deployment} and
     * {@code track} (regular expressions); {@code hash} is the literal {@code {{podTemplateHash}}} ("" when unknown),
     * which the built-in templates do not need.
     */
    public static Map<String, String> args(String namespace, String deployment, String track, String hash,
                                           String app) {
        return Map.of("namespace", namespace, "deployment", deployment, "track", track, "podTemplateHash", hash,
                "app", app, HASH_MATCH, ".*");
    }

    /**
     * The placeholders for the new version of a rolling release: the target Deployment's pods of the ReplicaSet with
     * pod-template-hash {@code hash} (any track; the old version's pods share Deployment and track).
     */
    public static Map<String, String> rollingArgs(String namespace, String app, String hash) {
        if (hash.isEmpty()) {
            throw new IllegalArgumentException("a rolling release's new version is known by its pod-template-hash");
        }
        return Map.of("namespace", namespace, "deployment", app, "track", ".*", "podTemplateHash", hash, "app", app,
                HASH_MATCH, hash);
    }
}
