package io.flightdeck.release;

import io.flightdeck.model.StrategyKind;
import io.flightdeck.signals.analysis.AnalysisRun;
import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.Measurement;
import io.flightdeck.signals.analysis.MetricSource;
import io.flightdeck.signals.analysis.MetricSpec;
import io.flightdeck.signals.analysis.Phase;
import io.flightdeck.signals.analysis.StableComparison;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Judges a release's analysis steps with real signals: the step's analysis names built-in templates
 * ("success-rate,latency-p99", "canary-vs-stable"), measured for the new version (the {@code -canary} or
 * {@code -green} Deployment, track canary or green; in a rolling release the target's pods of the new ReplicaSet, by
 * pod_template_hash, waiting until that ReplicaSet exists) every {@code interval}, {@code count} times after the rate
 * window has filled, by an
 * {@link AnalysisRun}. Successful passes; Failed or Error fails (the engine aborts and rolls back); Inconclusive
 * (no data, e.g. Prometheus gone) pauses for an operator, whose approval then passes. Every measurement is in the
 * verdict, for the journal. Called on the engine's thread; the measuring happens on {@code executor}.
 */
public final class SignalsAnalysisHook implements AnalysisHook {

    private record Key(String releaseId, String analysis, java.time.Instant startedAt) {
    }

    private static final class Tracked {
        final AnalysisRun run;
        final List<Measurement> measured = java.util.Collections.synchronizedList(new ArrayList<>());

        Tracked(AnalysisRun run) {
            this.run = run;
        }
    }

    private final MetricSource source;
    private final ScheduledExecutorService executor;
    private final Function<String, List<MetricSpec>> resolver;
    private final Duration initialDelay;
    private final Clock clock;
    private static final Pattern HASH = Pattern.compile("\\{\\{\\s*podTemplateHash\\s*}}");

    private final Map<Key, Tracked> runs = new ConcurrentHashMap<>();

    public SignalsAnalysisHook(MetricSource source, ScheduledExecutorService executor, Duration interval, int count,
                               Clock clock) {
        this(source, executor, analysis -> metrics(analysis, interval, count), BuiltInTemplates.windowLength(interval),
                clock);
    }

    /**
     * A hook whose analyses are resolved by {@code resolver} (e.g. built-in names and YAML metric files), measuring
     * first after {@code initialDelay}.
     */
    public SignalsAnalysisHook(MetricSource source, ScheduledExecutorService executor,
                               Function<String, List<MetricSpec>> resolver, Duration initialDelay, Clock clock) {
        this.source = source;
        this.executor = executor;
        this.resolver = resolver;
        this.initialDelay = initialDelay;
        this.clock = clock;
    }

    /** The metrics of a comma-separated list of built-in template names; unknown names are an error. */
    public static List<MetricSpec> metrics(String analysis, Duration interval, int count) {
        List<MetricSpec> out = new ArrayList<>();
        for (String name : analysis.split(",")) {
            String n = name.trim();
            out.add(BuiltInTemplates.metric(n, interval, count).orElseThrow(() -> new IllegalArgumentException(
                    "unknown analysis template '" + n + "'; built in: " + BuiltInTemplates.names())));
        }
        return out;
    }

    @Override
    public Verdict judge(Request r) {
        Key key = new Key(r.releaseId(), r.analysis(), r.startedAt());
        Tracked t = runs.get(key);
        if (t == null) {
            List<MetricSpec> metrics;
            Map<String, String> args;
            try {
                metrics = resolver.apply(r.analysis());
                args = args(r, metrics);
            } catch (IllegalArgumentException e) {
                return new Verdict(Outcome.FAILED, e.getMessage(), Map.of());
            }
            if (args == null) {
                return new Verdict(Outcome.RUNNING, "waiting for the new version's ReplicaSet (its pod-template-hash)"
                        + " before measuring " + r.analysis(), Map.of());
            }
            t = runs.computeIfAbsent(key, k -> start(metrics, args));
        }
        // The phase first: a measurement that ends the run is in the list before the phase changes.
        Phase p = t.run.phase();
        Map<String, String> values = measurements(t);
        return switch (p) {
            case RUNNING -> new Verdict(Outcome.RUNNING, "measuring " + r.analysis(), values);
            case SUCCESSFUL -> new Verdict(Outcome.PASSED, t.run.message(), values);
            case FAILED, ERROR -> new Verdict(Outcome.FAILED, t.run.message(), values);
            case INCONCLUSIVE -> r.approved()
                    ? new Verdict(Outcome.PASSED, "inconclusive, approved by an operator: " + t.run.message(), values)
                    : new Verdict(Outcome.INCONCLUSIVE, t.run.message(), values);
        };
    }

    /**
     * The placeholders for the new version; null while its hash is needed but not known yet. A rolling release's new
     * version is its ReplicaSet's pods (by hash); canary and green ones are their own Deployment and track.
     */
    static Map<String, String> args(Request r, List<MetricSpec> metrics) {
        String app = r.target().name();
        String ns = r.target().namespace();
        boolean rolling = r.strategy() == StrategyKind.ROLLING;
        boolean needsHash = rolling || metrics.stream().anyMatch(m -> HASH.matcher(m.query()).find());
        if (rolling && metrics.stream().anyMatch(m -> m.query().startsWith(StableComparison.QUERY_MARKER))) {
            throw new IllegalArgumentException(BuiltInTemplates.CANARY_VS_STABLE + " compares a canary or green"
                    + " Deployment with the stable one; a rolling release has neither");
        }
        if (needsHash && r.podTemplateHash().isEmpty()) {
            return null;
        }
        return rolling ? BuiltInTemplates.rollingArgs(ns, app, r.podTemplateHash())
                : BuiltInTemplates.args(ns, app + "-(canary|green)", "canary|green", r.podTemplateHash(), app);
    }

    private Tracked start(List<MetricSpec> metrics, Map<String, String> args) {
        Tracked[] holder = new Tracked[1];
        AnalysisRun run = new AnalysisRun(metrics, args, source, executor, new AnalysisRun.Listener() {
            @Override
            public void measured(Measurement m) {
                holder[0].measured.add(m);
            }

            @Override
            public void completed(Phase phase, String message) {
            }
        }, clock, initialDelay);
        holder[0] = new Tracked(run);
        run.start();
        return holder[0];
    }

    private static Map<String, String> measurements(Tracked t) {
        Map<String, String> out = new LinkedHashMap<>();
        synchronized (t.measured) {
            int i = 0;
            for (Measurement m : t.measured) {
                out.put(m.metric() + "#" + (++i), m.phase() + " " + m.values() + " at " + m.time() + ": "
                        + m.message());
            }
        }
        return out;
    }
}
