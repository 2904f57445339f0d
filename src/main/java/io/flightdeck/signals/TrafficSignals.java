package io.flightdeck.signals;

import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.MetricSource;
import io.flightdeck.signals.analysis.QueryTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Deployment's traffic by version, stable against the new version ({@code <name>-canary}, track canary, or
 * {@code <name>-green}, track green): request rate, success rate and p99 latency over the built-in templates' rate
 * window. The new version's success rate and p99 are the very queries the release gates run (same text, same
 * labels), so over {@link SharedQueries} a tile and a gate measuring together cost one Prometheus request; every
 * query has a shape the direct scrape ({@link ScrapeSource}) evaluates too. No data is NaN, never zero. Blocking;
 * called on a background thread; thread-safe.
 */
public final class TrafficSignals {

    /** The measuring interval of the app's gates; the rate window follows from it (10 s for 5 s). */
    public static final Duration GATE_INTERVAL = Duration.ofSeconds(5);
    public static final String NOT_CONFIGURED = "no Prometheus configured — start with --prometheus URL";

    private static final String SELECTOR = "namespace=\"{{namespace}}\",deployment=~\"{{deployment}}\","
            + "track=~\"{{track}}\"";
    private static final List<String> NEW_TRACKS = List.of("canary", "green");
    /** The no-data messages of PromClient and ScrapeSource that mean "nothing matched". */
    private static final java.util.Set<String> QUIET = java.util.Set.of("", "the query returned no series",
            "no samples in the window", "no histogram samples in the window", "no requests in the window");

    private final MetricSource source;
    private final Duration interval;
    private final Clock clock;

    public TrafficSignals(MetricSource source) {
        this(source, GATE_INTERVAL, Clock.systemUTC());
    }

    /** A reader whose rate window matches gates that measure every {@code gateInterval}. */
    public TrafficSignals(MetricSource source, Duration gateInterval, Clock clock) {
        this.source = source;
        this.interval = gateInterval;
        this.clock = clock;
    }

    /** A reader without a metrics source: every reading says {@link #NOT_CONFIGURED}. */
    public static TrafficSignals unconfigured() {
        return new TrafficSignals(null);
    }

    public boolean configured() {
        return source != null;
    }

    /**
     * The traffic of {@code deployment} (the stable Deployment; a {@code -canary} or {@code -green} name is read as
     * its app) and of its canary or green version when that one has traffic. Stable is always in the list.
     */
    public TrafficReading read(String namespace, String deployment) {
        String app = appOf(deployment);
        if (source == null) {
            return new TrafficReading(clock.instant(), List.of(none("stable", app)), NOT_CONFIGURED);
        }
        source.want(namespace, app);
        Map<String, String> stableArgs = args(namespace, app, "stable", app);
        Value stableRate = value(requests(stableArgs));
        if (!stableRate.problem.isEmpty()) {
            return new TrafficReading(clock.instant(), List.of(none("stable", app)), stableRate.problem);
        }
        List<VersionTraffic> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        out.add(version("stable", app, stableRate, stableArgs, problems));
        for (String track : NEW_TRACKS) {
            String name = app + "-" + track;
            Value rate = value(requests(args(namespace, name, track, app)));
            note(rate, problems);
            if (!Double.isNaN(rate.v)) {
                // the gates' labels: one new version at a time, so "canary|green" reads the same pods
                out.add(version(track, name, rate, args(namespace, app + "-(canary|green)", "canary|green", app),
                        problems));
            }
        }
        return new TrafficReading(clock.instant(), out, problems.isEmpty() ? "" : problems.get(0));
    }

    private VersionTraffic version(String track, String name, Value rate, Map<String, String> args,
                                   List<String> problems) {
        Value success = value(template(BuiltInTemplates.SUCCESS_RATE, args));
        Value p99 = value(template(BuiltInTemplates.LATENCY_P99, args));
        note(success, problems);
        note(p99, problems);
        return new VersionTraffic(track, name, rate.v, success.v, p99.v);
    }

    /** The stable app of a Deployment name: {@code checkout-canary} and {@code checkout-green} belong to checkout. */
    public static String appOf(String deployment) {
        for (String track : NEW_TRACKS) {
            if (deployment.endsWith("-" + track) && deployment.length() > track.length() + 1) {
                return deployment.substring(0, deployment.length() - track.length() - 1);
            }
        }
        return deployment;
    }

    private static VersionTraffic none(String track, String name) {
        return new VersionTraffic(track, name, Double.NaN, Double.NaN, Double.NaN);
    }

    private static Map<String, String> args(String namespace, String deployment, String track, String app) {
        return BuiltInTemplates.args(namespace, deployment, track, "", app);
    }

    private String requests(Map<String, String> args) {
        return QueryTemplate.fill("sum(rate(http_requests_total{" + SELECTOR + "}[" + window() + "]))", args);
    }

    private String template(String name, Map<String, String> args) {
        return QueryTemplate.fill(BuiltInTemplates.metric(name, interval, 1).orElseThrow().query(), args);
    }

    private String window() {
        return BuiltInTemplates.windowLength(interval).toSeconds() + "s";
    }

    private record Value(double v, String problem) {
    }

    /** A result's single value, NaN without data; a problem when the source failed rather than found nothing. */
    private Value value(String promql) {
        PromResult r;
        try {
            r = source.query(promql);
        } catch (RuntimeException e) {
            return new Value(Double.NaN, "metrics query failed: " + e.getMessage());
        }
        if (r.hasData() && r.series().size() == 1) {
            double v = r.scalar();
            return new Value(Double.isInfinite(v) ? Double.NaN : v, "");
        }
        if (r.kind() == PromResult.Kind.ERROR) {
            return new Value(Double.NaN, r.message());
        }
        return new Value(Double.NaN, quietNoData(r.message()) ? "" : r.message());
    }

    /**
     * "Found nothing" answers (no series, no samples in the window: the version serves no traffic) are no data, not
     * a problem of the source; anything else (unreachable, timed out, not configured) is a problem.
     */
    private static boolean quietNoData(String message) {
        return QUIET.contains(message);
    }

    private static void note(Value v, List<String> problems) {
        if (!v.problem.isEmpty()) {
            problems.add(v.problem);
        }
    }
}
