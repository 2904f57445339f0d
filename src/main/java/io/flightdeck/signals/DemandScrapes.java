package io.flightdeck.signals;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.signals.analysis.MetricSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The direct scrape of a real cluster without a Prometheus: scrapes, through the API server's pod proxy, the pods of
 * only the Deployments someone looks at. {@link #want} (a tile reading a Deployment, a gate measuring it) makes the
 * pods of its app wanted (the stable Deployment's matchLabels, which select its canary and green pods too); every
 * {@link #tick} (once a second on the signals scheduler) scrapes each app wanted within the last {@link #IDLE} into
 * one shared history and forgets the others; queries are answered from that history as {@link ScrapeSource} does.
 * A query about a failing app (no such Deployment, pods/proxy forbidden) answers its problem instead of no data.
 * {@link #want} and {@link #query} on any thread, {@link #tick} on one thread at a time.
 */
public final class DemandScrapes implements MetricSource {

    /** How long an app stays scraped after it was last wanted. */
    public static final Duration IDLE = Duration.ofSeconds(30);
    public static final String NAME = "direct scrape of pods through the API server's pod proxy";

    private static final String NOT_YET = "not scraped yet";

    private record App(String namespace, String name) {
    }

    /** One wanted app: when it was last wanted, and its scraper once its Deployment's selector is known. */
    private static final class Target {
        volatile Instant wanted;
        volatile String problem = NOT_YET;
        KubernetesClient client;
        PodProxyScraper scraper;

        Target(Instant wanted) {
            this.wanted = wanted;
        }
    }

    private final Supplier<Optional<KubernetesClient>> client;
    private final Clock clock;
    private final ScrapeHistory history = new ScrapeHistory(Duration.ofMinutes(10));
    private final ScrapeQueries queries = new ScrapeQueries(history);
    private final Map<App, Target> targets = new ConcurrentHashMap<>();

    /** @param client the client of the cluster open now, asked on every tick (empty while none is connected) */
    public DemandScrapes(Supplier<Optional<KubernetesClient>> client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void want(String namespace, String deployment) {
        Instant now = clock.instant();
        targets.compute(new App(namespace, TrafficSignals.appOf(deployment)), (k, t) -> {
            if (t == null) {
                return new Target(now);
            }
            t.wanted = now;
            return t;
        });
    }

    /** Scrapes every app wanted within {@link #IDLE}, all at one instant, and forgets the rest. */
    public void tick() {
        Instant at = clock.instant();
        Optional<KubernetesClient> c = client.get();
        for (Map.Entry<App, Target> e : targets.entrySet()) {
            Target t = e.getValue();
            if (t.wanted.isBefore(at.minus(IDLE))) {
                targets.remove(e.getKey(), t);
            } else if (c.isEmpty()) {
                t.problem = "not connected to the cluster";
            } else {
                t.problem = scrape(e.getKey(), t, c.get(), at);
            }
        }
    }

    private String scrape(App app, Target t, KubernetesClient c, Instant at) {
        if (t.scraper == null || t.client != c) {
            Deployment d;
            try {
                d = c.apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
            } catch (KubernetesClientException e) {
                return e.getCode() == 403 ? "cannot get deployments in " + app.namespace() + ": forbidden"
                        : "cannot read Deployment " + app.namespace() + "/" + app.name() + ": " + e.getMessage();
            }
            if (d == null) {
                return "Deployment " + app.namespace() + "/" + app.name() + " does not exist";
            }
            Map<String, String> labels = d.getSpec().getSelector().getMatchLabels();
            if (labels == null || labels.isEmpty()) {
                return "Deployment " + app.namespace() + "/" + app.name()
                        + " has no matchLabels to find its pods by; start with --prometheus URL";
            }
            t.scraper = new PodProxyScraper(c, app.namespace(), labels);
            t.client = c;
        }
        return t.scraper.scrape(history, at);
    }

    /** The apps scraped now, e.g. "shop/checkout"; for tests and the log. */
    public Set<String> scraped() {
        Set<String> out = new TreeSet<>();
        targets.keySet().forEach(a -> out.add(a.namespace() + "/" + a.name()));
        return out;
    }

    @Override
    public PromResult query(String promql) {
        PromResult r = queries.query(promql, clock.instant());
        if (r.hasData() || r.kind() == PromResult.Kind.ERROR) {
            return r;
        }
        return problem(promql).map(PromResult::noData).orElse(r);
    }

    /** The problem of the wanted app this query is about (its namespace and deployment label in the query). */
    private Optional<String> problem(String promql) {
        for (Map.Entry<App, Target> e : targets.entrySet()) {
            String p = e.getValue().problem;
            App a = e.getKey();
            boolean about = promql.contains("namespace=\"" + a.namespace() + "\"")
                    && (promql.contains("deployment=~\"" + a.name()) || promql.contains("deployment=\"" + a.name()));
            if (about && !p.isEmpty() && !p.equals(NOT_YET)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
