package io.flightdeck.signals.analysis;

import io.flightdeck.signals.PromResult;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a set of metrics against a source: each metric measures after an initial delay and then every interval until
 * it completes;
 * the run completes when every metric has, with the worst phase (Error > Failed > Inconclusive > Successful), and
 * stops early, as Argo Rollouts does, as soon as one metric ends in anything but Successful. Every measurement and
 * the outcome go to the listener, for the release journal and the gate tiles. Runs on the given scheduled executor;
 * the listener is called on it, never on the FX thread.
 */
public final class AnalysisRun {

    /** What an analysis reports as it goes. */
    public interface Listener {
        void measured(Measurement m);

        void completed(Phase phase, String message);
    }

    private final List<MetricSpec> metrics;
    private final Map<String, String> args;
    private final MetricSource source;
    private final ScheduledExecutorService executor;
    private final Listener listener;
    private final Clock clock;
    private final java.time.Duration initialDelay;
    private final Map<String, MetricRun> runs = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private Phase phase = Phase.RUNNING;
    private String message = "";

    public AnalysisRun(List<MetricSpec> metrics, Map<String, String> args, MetricSource source,
                       ScheduledExecutorService executor, Listener listener, Clock clock) {
        this(metrics, args, source, executor, listener, clock, java.time.Duration.ZERO);
    }

    /**
     * @param initialDelay how long to wait before the first measurement, e.g. until a rate window has filled with
     *                     the new version's samples, as Argo Rollouts' initialDelay
     */
    public AnalysisRun(List<MetricSpec> metrics, Map<String, String> args, MetricSource source,
                       ScheduledExecutorService executor, Listener listener, Clock clock,
                       java.time.Duration initialDelay) {
        this.initialDelay = initialDelay;
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("an analysis needs at least one metric");
        }
        this.metrics = List.copyOf(metrics);
        this.args = Map.copyOf(args);
        this.source = source;
        this.executor = executor;
        this.listener = listener;
        this.clock = clock;
        for (MetricSpec m : metrics) {
            QueryTemplate.fill(m.query(), this.args);
            runs.put(m.name(), new MetricRun(m));
        }
    }

    /** Starts measuring; returns at once. */
    public synchronized AnalysisRun start() {
        for (MetricSpec m : metrics) {
            long every = m.interval().toMillis();
            tasks.add(executor.scheduleWithFixedDelay(() -> measure(m), initialDelay.toMillis(), every,
                    TimeUnit.MILLISECONDS));
        }
        return this;
    }

    /** Stops measuring; a run stopped before it completed stays RUNNING and reports nothing more. */
    public synchronized void cancel() {
        tasks.forEach(t -> t.cancel(false));
    }

    public synchronized Phase phase() {
        return phase;
    }

    public synchronized String message() {
        return message;
    }

    public synchronized Map<String, MetricRun> metrics() {
        return Map.copyOf(runs);
    }

    private void measure(MetricSpec spec) {
        MetricRun run;
        synchronized (this) {
            run = runs.get(spec.name());
            if (phase != Phase.RUNNING || run.phase() != Phase.RUNNING) {
                return;
            }
        }
        String query = QueryTemplate.fill(spec.query(), args);
        PromResult r;
        try {
            r = source.query(query);
        } catch (RuntimeException e) {
            r = PromResult.error(String.valueOf(e.getMessage()));
        }
        List<Double> values = new ArrayList<>();
        r.series().forEach(s -> values.add(s.last()));
        Phase p = switch (r.kind()) {
            case ERROR -> Phase.ERROR;
            case NO_DATA -> Phase.INCONCLUSIVE;
            case DATA -> MetricRun.judge(spec, values);
        };
        String why = switch (r.kind()) {
            case ERROR -> "query error: " + r.message();
            case NO_DATA -> "no data: " + r.message();
            case DATA -> values + (p == Phase.SUCCESSFUL ? " meets " : " does not meet ")
                    + (spec.success() != null ? spec.success() : "not (" + spec.failure() + ")");
        };
        Measurement m = new Measurement(spec.name(), clock.instant(), query, List.copyOf(values), p, why);
        Phase done = null;
        String doneMessage = null;
        synchronized (this) {
            if (phase != Phase.RUNNING) {
                return;
            }
            Phase metricPhase = run.add(m);
            listener.measured(m);
            if (metricPhase != Phase.RUNNING) {
                boolean allDone = runs.values().stream().allMatch(x -> x.phase() != Phase.RUNNING);
                if (metricPhase != Phase.SUCCESSFUL || allDone) {
                    MetricRun worst = runs.values().stream().filter(x -> x.phase() != Phase.RUNNING)
                            .max((a, b) -> Integer.compare(a.phase().severity(), b.phase().severity())).orElseThrow();
                    phase = worst.phase();
                    message = "metric \"" + worst.spec().name() + "\" " + phase.name().toLowerCase() + ": "
                            + worst.message();
                    cancel();
                    done = phase;
                    doneMessage = message;
                }
            }
        }
        if (done != null) {
            listener.completed(done, doneMessage);
        }
    }
}
