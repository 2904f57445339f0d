package io.flightdeck.signals.analysis;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.sandbox.TrackedDeployments;
import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromEndpoint;
import io.flightdeck.signals.RealPrometheus;
import io.flightdeck.signals.SharedQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Analysis runs against a real Prometheus scraping the sandbox: an erroring canary fails its success-rate gate and
 * its comparison with stable, a healthy one passes, and a Prometheus that goes away makes the analysis inconclusive,
 * never successful. Skipped where prometheus is not installed.
 */
class AnalysisWithPrometheusTest {

    SandboxCluster cluster;
    KubernetesClient client;
    RealPrometheus prometheus;
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @BeforeEach
    void start() throws Exception {
        assumeTrue(RealPrometheus.available(), "prometheus is not installed");
        cluster = SandboxCluster.start(SandboxOptions.empty(5));
        client = cluster.newClient();
        prometheus = RealPrometheus.start(URI.create(cluster.metricsUrl()).getAuthority());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("t").endMetadata().build())
                .create();
        client.services().inNamespace("t").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .addToAnnotations("sandbox.flightdeck.io/rps", "200").endMetadata().withNewSpec()
                .addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build()).create();
        client.apps().deployments().inNamespace("t")
                .resource(TrackedDeployments.web("web", 4, "shop/web:1.0", "stable"))
                .create();
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        if (prometheus != null) {
            prometheus.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anErroringCanaryFailsItsGates() throws Exception {
        startCanary("shop/web:1.1-errors");
        BlockingQueue<Phase> done = run(List.of(BuiltInTemplates.metric(BuiltInTemplates.SUCCESS_RATE,
                Duration.ofSeconds(2), 5).orElseThrow()));
        assertEquals(Phase.FAILED, done.poll(60, TimeUnit.SECONDS));
    }

    @Test
    void aHealthyCanaryPasses() throws Exception {
        startCanary("shop/web:1.1");
        BlockingQueue<Phase> done = run(List.of(BuiltInTemplates.metric(BuiltInTemplates.SUCCESS_RATE,
                Duration.ofSeconds(2), 3).orElseThrow()));
        assertEquals(Phase.SUCCESSFUL, done.poll(60, TimeUnit.SECONDS));
    }

    @Test
    void prometheusGoingAwayIsInconclusiveNeverAPass() throws Exception {
        startCanary("shop/web:1.1");
        prometheus.stop();
        BlockingQueue<Phase> done = run(List.of(BuiltInTemplates.metric(BuiltInTemplates.SUCCESS_RATE,
                Duration.ofSeconds(1), 3).orElseThrow()));
        assertEquals(Phase.INCONCLUSIVE, done.poll(60, TimeUnit.SECONDS));
    }

    private BlockingQueue<Phase> run(List<MetricSpec> metrics) throws InterruptedException {
        PromClient prom = new PromClient(PromEndpoint.of(prometheus.url()).withTimeout(Duration.ofSeconds(2)));
        awaitCanaryTraffic(prom);
        BlockingQueue<Phase> done = new LinkedBlockingQueue<>();
        new AnalysisRun(metrics, BuiltInTemplates.args("t", "web-canary", "canary", "", "web"),
                new SharedQueries(prom, Duration.ofSeconds(1)), executor, new AnalysisRun.Listener() {
                    @Override
                    public void measured(Measurement m) {
                    }

                    @Override
                    public void completed(Phase phase, String message) {
                        done.add(phase);
                    }
                }, Clock.systemUTC()).start();
        return done;
    }

    /** Waits until Prometheus has the canary's traffic, or returns at once when Prometheus is already gone. */
    private void awaitCanaryTraffic(PromClient prom) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var r = prom.query("sum(rate(http_requests_total{namespace=\"t\",track=\"canary\"}[10s]))", null);
            if (r.hasData() && r.scalar() > 0 || r.message().contains("unreachable")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("the canary never got traffic in Prometheus");
    }

    private void startCanary(String image) {
        client.apps().deployments().inNamespace("t")
                .resource(TrackedDeployments.web("web-canary", 1, image, "canary")).create();
        for (String d : new String[]{"web", "web-canary"}) {
            client.apps().deployments().inNamespace("t").withName(d).waitUntilCondition(x -> x.getStatus() != null
                    && x.getSpec().getReplicas().equals(x.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
        }
    }
}
