package io.flightdeck.app;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.SignalsAnalysisHook;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromEndpoint;
import io.flightdeck.signals.PromResult;
import io.flightdeck.signals.ScrapeSource;
import io.flightdeck.signals.SharedQueries;
import io.flightdeck.signals.analysis.AnalysisCatalog;
import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.MetricSource;
import io.flightdeck.signals.analysis.MetricSpec;
import io.flightdeck.signals.analysis.StableComparison;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The signals behind a {@code release}'s analysis steps: {@code --analysis} (built-in template names or YAML metric
 * files), {@code --prometheus URL} with {@code --prometheus-token-file} or {@code --prometheus-basic-auth-file},
 * {@code --interval} and {@code --count}. Everything is checked before the release touches the cluster: an unknown
 * name, a bad file, an unreadable credential file or a Prometheus that does not answer a query is a
 * {@link UsageException}. The measurements come from that Prometheus; without one, from the sandbox's own Prometheus
 * or its exporter ({@code --context sandbox}), or from the target's pods through the API server's pod proxy on a
 * real cluster. Made and closed on the main thread; measuring and scraping run on its own "signals" threads.
 */
final class ReleaseGates implements AutoCloseable {

    static final java.util.Set<String> OPTIONS = java.util.Set.of("--analysis", "--prometheus",
            "--prometheus-token-file", "--prometheus-basic-auth-file", "--interval", "--count");

    /** The checked options; {@code prometheus} is null when none was given. */
    record Options(String analysis, List<MetricSpec> metrics, PromEndpoint prometheus, Duration interval, int count) {
    }

    private final ScheduledThreadPoolExecutor executor;
    private final SignalsAnalysisHook hook;
    private final String describe;

    private ReleaseGates(ScheduledThreadPoolExecutor executor, SignalsAnalysisHook hook, String describe) {
        this.executor = executor;
        this.hook = hook;
        this.describe = describe;
    }

    /** The gate options, checked; empty when {@code --analysis} is not given (then none of the others may be). */
    static Optional<Options> parse(ReleaseOptions o) throws UsageException {
        String analysis = o.get("--analysis");
        if (analysis == null) {
            for (String name : OPTIONS) {
                if (o.get(name) != null) {
                    throw new UsageException(name + " needs --analysis");
                }
            }
            return Optional.empty();
        }
        Duration interval = o.duration("--interval", Duration.ofSeconds(5));
        if (interval.toMillis() < 1000) {
            throw new UsageException("--interval must be at least 1s, not " + o.get("--interval"));
        }
        int count = o.get("--count") == null ? 4 : (int) o.number("--count");
        if (count < 1) {
            throw new UsageException("--count must be at least 1");
        }
        List<MetricSpec> metrics;
        try {
            metrics = AnalysisCatalog.resolve(analysis, interval, count);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--analysis: " + e.getMessage());
        }
        PromEndpoint prometheus = null;
        if (o.get("--prometheus") != null) {
            prometheus = endpoint(o);
            PromResult probe = new PromClient(prometheus).query("vector(1)", null);
            if (!probe.hasData()) {
                throw new UsageException("--prometheus " + prometheus + " does not answer queries: "
                        + probe.message());
            }
        }
        return Optional.of(new Options(analysis, metrics, prometheus, interval, count));
    }

    private static PromEndpoint endpoint(ReleaseOptions o) throws UsageException {
        String url = o.get("--prometheus");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--prometheus takes a URL such as http://prometheus:9090, not '" + url + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--prometheus takes an http or https URL such as http://prometheus:9090, not '"
                    + url + "'");
        }
        PromEndpoint e = PromEndpoint.of(url).withTimeout(Duration.ofSeconds(5));
        if (o.get("--prometheus-token-file") != null && o.get("--prometheus-basic-auth-file") != null) {
            throw new UsageException("give --prometheus-token-file or --prometheus-basic-auth-file, not both");
        }
        if (o.get("--prometheus-token-file") != null) {
            e = e.withBearerToken(secret(o, "--prometheus-token-file"));
        } else if (o.get("--prometheus-basic-auth-file") != null) {
            String userPass = secret(o, "--prometheus-basic-auth-file");
            int colon = userPass.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--prometheus-basic-auth-file must hold USER:PASSWORD");
            }
            e = e.withBasicAuth(userPass.substring(0, colon), userPass.substring(colon + 1));
        }
        return e;
    }

    private static String secret(ReleaseOptions o, String name) throws UsageException {
        try {
            String s = Files.readString(Path.of(o.get(name))).trim();
            if (s.isEmpty()) {
                throw new UsageException(name + " " + o.get(name) + " is empty");
            }
            return s;
        } catch (IOException e) {
            throw new UsageException(name + ": cannot read " + o.get(name) + ": " + e.getMessage());
        }
    }

    /**
     * Picks the measurements' source for the target and makes the hook; throws a UsageException (nothing changed
     * yet) when the analysis needs a Prometheus and there is none.
     */
    static ReleaseGates open(Options g, ReleaseSession s, WorkloadKey target, Clock clock) throws UsageException {
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
                if (AnalysisCatalog.needsPrometheus(g.metrics())) {
                    throw new UsageException("--analysis " + BuiltInTemplates.CANARY_VS_STABLE + " needs a Prometheus"
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
            String analysis = g.analysis();
            List<MetricSpec> metrics = g.metrics();
            SignalsAnalysisHook hook = new SignalsAnalysisHook(source, executor, name -> {
                if (!name.equals(analysis)) {
                    throw new IllegalArgumentException("analysis '" + name + "' is not the one given with --analysis");
                }
                return metrics;
            }, BuiltInTemplates.windowLength(g.interval()), clock);
            return new ReleaseGates(executor, hook, describe);
        } catch (UsageException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /**
     * Checks, before a {@code promote} drives the release, that every analysis step of the release in flight on
     * {@code target} names {@code analysis}: a gate this process cannot measure would otherwise fail and abort it.
     */
    static void checkPlan(ReleaseSession s, WorkloadKey target, String analysis) throws UsageException {
        var summary = s.engine().inFlight(target.namespace()).stream()
                .filter(r -> r.target().equals(target)).findFirst();
        if (summary.isEmpty()) {
            return;
        }
        try (var view = s.engine().observe(target.namespace(), summary.get().id())) {
            for (ReleaseStep step : view.snapshot().plan().steps()) {
                if (step.kind() == ReleaseStep.Kind.ANALYSIS && !step.analysis().equals(analysis)) {
                    throw new UsageException("the release's analysis steps measure '" + step.analysis()
                            + "', not '" + analysis + "': give --analysis " + step.analysis());
                }
            }
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
    String banner(Options g) {
        return "gates: " + g.analysis() + " every " + g.interval().toSeconds() + "s, " + g.count()
                + " times, measured by " + describe;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
