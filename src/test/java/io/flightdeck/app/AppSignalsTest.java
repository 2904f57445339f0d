package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.signals.DemandScrapes;
import io.flightdeck.signals.TrafficReading;
import io.flightdeck.signals.VersionTraffic;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which metrics source the window's tiles and gates get: on a real cluster without --prometheus the pods of the
 * Deployments being read, scraped through the pod proxy; the sandbox's metrics endpoint scraped directly when no
 * Prometheus binary serves; the --prometheus URL for every cluster; and the forward receiver's port.
 */
class AppSignalsTest {

    private static SandboxStarter.RunningSandbox withoutPrometheus(SandboxCluster cluster) {
        return new InProcessSandbox(cluster, false, false);
    }

    @Test
    void theSandboxIsScrapedDirectlyWithoutAPrometheusBinary() throws Exception {
        try (AppExecutors executors = new AppExecutors();
             SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
             AppSignals signals = new AppSignals(SignalSettings.NONE, executors, Optional.empty())) {
            signals.clusterChanged(true, "sandbox", Optional.of(withoutPrometheus(cluster)), Optional::empty);
            TrafficReading r = readUntilTraffic(signals, "checkout");
            assertTrue(signals.metricsName().startsWith("direct scrape of " + cluster.metricsUrl()),
                    signals.metricsName());
            assertTrue(r.track("stable").orElseThrow().requestRate() > 0, r.toString());
            assertEquals("", r.problem());
            assertEquals(0, cluster.server().requestCount("get", "pods/proxy"), "the exporter, not the pods");
        }
    }

    /**
     * A real cluster without --prometheus: the sandbox opened through a plain client, as a kubeconfig context on its
     * URL would open it. The tiles' reading of shop/checkout makes its pods scraped through the pod proxy; a forbidden
     * pods/proxy says so; a cluster not connected says so.
     */
    @Test
    void aRealClusterWithoutPrometheusScrapesTheWantedPodsThroughThePodProxy() throws Exception {
        try (AppExecutors executors = new AppExecutors();
             SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
             KubernetesClient client = cluster.newClient();
             AppSignals signals = new AppSignals(SignalSettings.NONE, executors, Optional.empty())) {
            signals.clusterChanged(false, "prod-eu", Optional.empty(), () -> Optional.of(client));
            assertEquals(DemandScrapes.NAME, signals.metricsName());
            TrafficReading r = readUntilTraffic(signals, "checkout");
            VersionTraffic stable = r.track("stable").orElseThrow();
            assertTrue(stable.requestRate() > 0 && stable.successRate() > 0.9 && stable.p99Seconds() > 0,
                    r.toString());
            assertEquals("", r.problem());
            assertTrue(cluster.server().requestCount("get", "pods/proxy") > 0, "scraped through the pod proxy");

            cluster.server().rbac().deny("get:pods/proxy:shop");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                String problem = signals.traffic().read("shop", "checkout").problem();
                while (!problem.equals("cannot get pods/proxy in shop: forbidden") && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(300);
                    problem = signals.traffic().read("shop", "checkout").problem();
                }
                assertEquals("cannot get pods/proxy in shop: forbidden", problem);
            } finally {
                cluster.server().rbac().clear();
            }

            signals.clusterChanged(false, "prod-us", Optional.empty(), Optional::empty);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String problem = signals.traffic().read("shop", "checkout").problem();
            while (problem.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(300);
                problem = signals.traffic().read("shop", "checkout").problem();
            }
            assertEquals("not connected to the cluster", problem);
        }
    }

    private static TrafficReading readUntilTraffic(AppSignals signals, String deployment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        TrafficReading r = signals.traffic().read("shop", deployment);
        while ((Double.isNaN(r.track("stable").orElseThrow().requestRate())
                || Double.isNaN(r.track("stable").orElseThrow().p99Seconds())) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            r = signals.traffic().read("shop", deployment);
        }
        return r;
    }

    @Test
    void aGivenPrometheusServesEveryCluster() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        try (AppExecutors executors = new AppExecutors();
             AppSignals signals = new AppSignals(new SignalSettings(Optional.of(url), OptionalInt.empty(), false),
                     executors, Optional.empty())) {
            signals.clusterChanged(false, "prod-eu", Optional.empty(), Optional::empty);
            assertEquals("Prometheus at " + url, signals.metricsName());
            String problem = signals.traffic().read("shop", "checkout").problem();
            assertTrue(problem.contains("unreachable"), problem);
        }
    }

    @Test
    void theReceiverTakesAnyFreePortWhenTheDefaultOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            try {
                taken.bind(new java.net.InetSocketAddress("127.0.0.1", SignalSettings.DEFAULT_FORWARD_PORT));
            } catch (java.io.IOException e) {
                // another process holds 24224 already: taken all the same
            }
            try (LogReceiver r = LogReceiver.start(new SignalSettings(Optional.empty(), OptionalInt.empty(), true))
                    .orElseThrow()) {
                assertNotEquals("127.0.0.1:" + SignalSettings.DEFAULT_FORWARD_PORT, r.hostPort());
            }
        }
        assertEquals(Optional.empty(), LogReceiver.start(SignalSettings.NONE).map(LogReceiver::hostPort));
    }
}
