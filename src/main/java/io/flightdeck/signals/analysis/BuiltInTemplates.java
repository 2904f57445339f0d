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
 * as kube-state-metrics has no deployment label; the new version's pods are new, so any restart counts). Stateless.
 */
public final class BuiltInTemplates {

    public static final String SUCCESS_RATE = "success-rate";
    public static final String LATENCY_P99 = "latency-p99";
    public static final String CANARY_VS_STABLE = "canary-vs-stable";
    public static final String RESTARTS = "restarts";

    /** Label matchers of the version under test; deployment and track are regular expressions (=~). */
    private static final String SELECTOR = "namespace=\"{{namespace}}\",deployment=~\"{{deployment}}\","
            + "track=~\"{{track}}\"";

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
                            + "-[a-z0-9]+-[a-z0-9]+\"})",
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

    /** The placeholders a built-in template expects. */
    public static Map<String, String> args(String namespace, String deployment, String track, String hash,
                                           String app) {
        return Map.of("namespace", namespace, "deployment", deployment, "track", track, "podTemplateHash", hash,
                "app", app);
    }
}
