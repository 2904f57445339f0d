package io.flightdeck.app;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.SignalsAnalysisHook;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromEndpoint;
import io.flightdeck.signals.ScrapeSource;
import io.flightdeck.signals.SharedQueries;
import io.flightdeck.signals.analysis.AnalysisCatalog;
import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.MetricSource;
import io.flightdeck.signals.analysis.MetricSpec;
import io.flightdeck.signals.analysis.StableComparison;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The signals behind a {@code release}'s gates ({@link GateOptions}: analysis steps, background and post-promotion
 * analysis). Everything is checked before the release touches the cluster: an unknown name, a bad file, an unreadable
 * credential file or a Prometheus that does not answer a query is a {@link UsageException}. The measurements come from
 * that Prometheus; without one, from the sandbox's own Prometheus or its exporter ({@code --context sandbox}), or from
 * the target's pods through the API server's pod proxy on a real cluster. Made and closed on the main thread;
 * measuring and scraping run on its own "signals" threads.
 */
final class ReleaseGates implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;
    private final SignalsAnalysisHook hook;
    private final String describe;

    private ReleaseGates(ScheduledThreadPoolExecutor executor, SignalsAnalysisHook hook, String describe) {
        this.executor = executor;
        this.hook = hook;
        this.describe = describe;
    }

    /**
     * Picks the measurements' source for the target and makes the hook; throws a UsageException (nothing changed
     * yet) when the analysis needs a Prometheus and there is none.
     */
    static ReleaseGates open(GateOptions g, ReleaseSession s, WorkloadKey target, Clock clock) throws UsageException {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2,
                s.executors().threadFactory("signals"));
        executor.setRemoveOnCancelPolicy(true);
        try {
            PromEndpoint prometheus = g.prometheus();
            SandboxCluster sandbox = s.sandboxCluster();
            String describe;
            MetricSource source;
            if (prometheus == null && sandbox != null) {
                prometheus = sandbox.startPrometheus().map(url -> PromEndpoint.of(url)
                        .withTimeout(Duration.ofSeconds(5))).orElse(null);
            }
            if (prometheus != null) {
                PromClient client = new PromClient(prometheus);
                source = new StableComparison(new SharedQueries(client, Duration.ofSeconds(1)), client,
                        Duration.ofMinutes(1), g.interval(), clock);
                describe = (g.prometheus() == null ? "the sandbox's Prometheus at " : "Prometheus at ") + prometheus;
            } else {
                if (AnalysisCatalog.needsPrometheus(g.all())) {
                    throw new UsageException(BuiltInTemplates.CANARY_VS_STABLE + " needs a Prometheus"
                            + " (--prometheus URL): without one Flightdeck cannot take range queries");
                }
                ScrapeSource scrape;
                if (sandbox != null) {
                    scrape = new ScrapeSource(sandbox.metricsUrl(), clock);
                    describe = "direct scrapes of the sandbox's exporter at " + sandbox.metricsUrl();
                } else {
                    Map<String, String> selector = selector(s, target);
                    scrape = ScrapeSource.podProxy(s.client(), target.namespace(), selector, clock);
                    describe = "direct scrapes of the pods " + selector + " in " + target.namespace()
                            + " through the API server's pod proxy";
                    String failed = scrape.scrape();
                    if (!failed.isEmpty()) {
                        throw new UsageException("without --prometheus the gates scrape the pods of " + target
                                + " through the API server's pod proxy, which failed: " + failed);
                    }
                }
                executor.scheduleWithFixedDelay(scrape::scrape, 0, 1, TimeUnit.SECONDS);
                source = scrape;
            }
            Map<String, List<MetricSpec>> metrics = g.metrics();
            SignalsAnalysisHook hook = new SignalsAnalysisHook(source, executor, name -> {
                List<MetricSpec> m = metrics.get(name);
                if (m == null) {
                    throw new IllegalArgumentException("analysis '" + name + "' is not one given on the command line ("
                            + g.describe() + ")");
                }
                return m;
            }, BuiltInTemplates.windowLength(g.interval()), clock);
            return new ReleaseGates(executor, hook, describe);
        } catch (UsageException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /**
     * Checks, before a {@code promote} drives the release, that every analysis of the release in flight on
     * {@code target} (its analysis steps, background and post-promotion analysis) is given with its option: a gate
     * this process cannot measure would otherwise fail and abort it.
     */
    static void checkPlan(ReleaseSession s, WorkloadKey target, GateOptions g) throws UsageException {
        var summary = s.engine().inFlight(target.namespace()).stream()
                .filter(r -> r.target().equals(target)).findFirst();
        if (summary.isEmpty()) {
            return;
        }
        try (var view = s.engine().observe(target.namespace(), summary.get().id())) {
            ReleasePlan plan = view.snapshot().plan();
            for (ReleaseStep step : plan.steps()) {
                if (step.kind() == ReleaseStep.Kind.ANALYSIS) {
                    same(GateOptions.ANALYSIS, "analysis steps measure", step.analysis(), g.analysis());
                }
            }
            same(GateOptions.BACKGROUND, "background analysis is", plan.backgroundAnalysis(), g.background());
            same(GateOptions.POST_PROMOTION, "post-promotion analysis is", plan.postPromotionAnalysis(),
                    g.postPromotion());
        }
    }

    private static void same(String option, String what, String planned, String given) throws UsageException {
        if (planned.isEmpty() && given == null) {
            return;
        }
        if (planned.isEmpty()) {
            throw new UsageException("the release has no " + option.substring(2).replace('-', ' ') + "; drop "
                    + option);
        }
        if (!planned.equals(given)) {
            throw new UsageException("the release's " + what + " '" + planned + "', not '"
                    + (given == null ? "" : given) + "': give " + option + " " + planned);
        }
    }

    private static Map<String, String> selector(ReleaseSession s, WorkloadKey target) throws UsageException {
        Deployment d = s.client().apps().deployments().inNamespace(target.namespace()).withName(target.name()).get();
        if (d == null) {
            throw new UsageException("Deployment " + target + " does not exist");
        }
        Map<String, String> labels = d.getSpec().getSelector().getMatchLabels();
        if (labels == null || labels.isEmpty()) {
            throw new UsageException("Deployment " + target + " has no matchLabels to find its pods by; give"
                    + " --prometheus URL");
        }
        return labels;
    }

    SignalsAnalysisHook hook() {
        return hook;
    }

    /** The command's first line: what the gates measure, how often, and where the measurements come from. */
    String banner(GateOptions g) {
        return "gates: " + g.describe() + " every " + g.interval().toSeconds() + "s, " + g.count()
                + " times, measured by " + describe;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
