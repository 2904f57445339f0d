package io.flightdeck.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.release.AnalysisHook;
import io.flightdeck.release.SignalsAnalysisHook;
import io.flightdeck.signals.DemandScrapes;
import io.flightdeck.signals.DeploymentLogTail;
import io.flightdeck.signals.PodLogs;
import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromEndpoint;
import io.flightdeck.signals.PromResult;
import io.flightdeck.signals.ScrapeSource;
import io.flightdeck.signals.SharedQueries;
import io.flightdeck.signals.TrafficSignals;
import io.flightdeck.signals.analysis.MetricSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The GUI's signal sources, one set for the whole run: the metrics source the tiles and the release gates share
 * ({@code --prometheus URL}; else on the sandbox its own Prometheus when the binary is installed, or a direct scrape
 * of its metrics endpoint; else, on a real cluster, a direct scrape through the API server's pod proxy of the pods of
 * just the Deployments being looked at, {@link DemandScrapes}), chosen again when the open cluster changes; the
 * gates' analysis hook over it; and the log tail over the Fluentd receiver with pod logs as fallback.
 * {@link #clusterChanged} is called on the FX thread; the choosing, scraping, reading and measuring run on its own
 * four "signals" threads.
 */
public final class AppSignals implements AutoCloseable {

    /** How many measurements an analysis step of the GUI's releases takes, one every {@link TrafficSignals#GATE_INTERVAL}. */
    static final int GATE_COUNT = 4;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppSignals.class);

    private record Choice(String name, MetricSource source) {
    }

    private final SignalSettings settings;
    private final Optional<LogReceiver> receiver;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Choice> current;
    private final TrafficSignals traffic;
    private final MetricSource source;
    private volatile String clusterKey = "";
    private ScheduledFuture<?> scraping;

    public AppSignals(SignalSettings settings, AppExecutors executors, Optional<LogReceiver> receiver) {
        this.settings = settings;
        this.receiver = receiver;
        this.scheduler = Executors.newScheduledThreadPool(4, executors.threadFactory("signals"));
        this.current = new AtomicReference<>(settings.prometheus()
                .map(url -> new Choice("Prometheus at " + url, shared(url)))
                .orElse(none(TrafficSignals.NOT_CONFIGURED)));
        this.source = new MetricSource() {
            @Override
            public PromResult query(String promql) {
                return current.get().source().query(promql);
            }

            @Override
            public void want(String namespace, String deployment) {
                current.get().source().want(namespace, deployment);
            }
        };
        this.traffic = new TrafficSignals(source);
    }

    private static SharedQueries shared(String url) {
        return new SharedQueries(new PromClient(PromEndpoint.of(url).withTimeout(Duration.ofSeconds(3))),
                Duration.ofSeconds(2));
    }

    private static Choice none(String why) {
        return new Choice(why, q -> PromResult.noData(why));
    }

    /**
     * Chooses the metrics source for the cluster open now (unless {@code --prometheus} chose one for good): the
     * sandbox's Prometheus, started in the background, or its metrics endpoint scraped every second; on a real
     * cluster the wanted Deployments' pods scraped every second through the pod proxy with the client of the
     * connection open at the time ({@code client}, asked on the signals threads). FX thread.
     */
    public synchronized void clusterChanged(boolean sandboxOpen, String context,
                                            Optional<SandboxStarter.RunningSandbox> sandbox,
                                            Supplier<Optional<KubernetesClient>> client) {
        if (settings.prometheus().isPresent()) {
            return;
        }
        String key = sandboxOpen ? (sandbox.isPresent() ? "sandbox" : "") : "context:" + context;
        if (key.equals(clusterKey)) {
            return;
        }
        clusterKey = key;
        stopScraping();
        if (!sandboxOpen) {
            DemandScrapes scrapes = new DemandScrapes(client, Clock.systemUTC());
            scraping = everySecond(scrapes::tick);
            current.set(new Choice(DemandScrapes.NAME, scrapes));
            return;
        }
        if (sandbox.isEmpty()) {
            current.set(none("the sandbox is starting"));
            return;
        }
        SandboxStarter.RunningSandbox running = sandbox.get();
        current.set(none("starting the sandbox's Prometheus"));
        scheduler.execute(() -> useSandbox(running));
    }

    private void useSandbox(SandboxStarter.RunningSandbox running) {
        Optional<String> prometheus = running.startPrometheus();
        synchronized (this) {
            if (!clusterKey.equals("sandbox")) {
                return;
            }
            if (prometheus.isPresent()) {
                current.set(new Choice("the sandbox's Prometheus at " + prometheus.get(), shared(prometheus.get())));
            } else if (!running.metricsUrl().isEmpty()) {
                ScrapeSource scrapes = new ScrapeSource(running.metricsUrl(), Clock.systemUTC());
                scraping = everySecond(scrapes::scrape);
                current.set(new Choice("direct scrape of " + running.metricsUrl() + " (no prometheus installed)",
                        scrapes));
            } else {
                current.set(none("the sandbox exports no metrics"));
            }
        }
    }

    /** Runs {@code scrape} every second until cancelled; a failure is logged and the next second tries again. */
    private ScheduledFuture<?> everySecond(Runnable scrape) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                scrape.run();
            } catch (RuntimeException e) {
                LOG.warn("A direct scrape failed", e);
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    private void stopScraping() {
        if (scraping != null) {
            scraping.cancel(false);
            scraping = null;
        }
    }

    /** What the tiles and gates measure with now, e.g. "the sandbox's Prometheus at http://127.0.0.1:41234". */
    public String metricsName() {
        return current.get().name();
    }

    /** The source every tile and gate asks; it follows the choice. */
    public MetricSource source() {
        return source;
    }

    public TrafficSignals traffic() {
        return traffic;
    }

    /**
     * The gates of the GUI's releases: the built-in templates measured with {@link #source()}, which is told on
     * every judging which Deployment they measure (a direct scrape scrapes it while its gates run).
     */
    public AnalysisHook analysisHook() {
        AnalysisHook hook = new SignalsAnalysisHook(source, scheduler, TrafficSignals.GATE_INTERVAL, GATE_COUNT,
                Clock.systemUTC());
        return r -> {
            source.want(r.target().namespace(), r.target().name());
            return hook.judge(r);
        };
    }

    /** A log tail over the forward receiver, falling back to the pod logs of the client open at the time. */
    public DeploymentLogTail logTail(Supplier<Optional<KubernetesClient>> client) {
        PodLogs podLogs = (namespace, app, sink) -> client.get()
                .map(c -> PodLogs.fromApi(c, scheduler).follow(namespace, app, sink))
                .orElse(() -> { });
        return new DeploymentLogTail(receiver.map(LogReceiver::buffer).orElse(null),
                receiver.map(r -> "Fluentd forward on " + r.hostPort()).orElse("no Fluentd receiver"), podLogs,
                Clock.systemUTC(), 5_000);
    }

    /** The signals threads, for the panel's reading. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
