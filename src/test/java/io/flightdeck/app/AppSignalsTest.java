package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.signals.TrafficReading;
import io.flightdeck.signals.TrafficSignals;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which metrics source the window's tiles and gates get: none on a real cluster without --prometheus (and they say
 * so), the sandbox's metrics endpoint scraped directly when no Prometheus binary serves, the --prometheus URL for
 * every cluster; and the forward receiver's port.
 */
class AppSignalsTest {

    private static SandboxStarter.RunningSandbox withoutPrometheus(SandboxCluster cluster) {
        return new SandboxStarter.RunningSandbox() {
            @Override
            public ClusterTarget target() {
                return ClusterTarget.sandboxAt(cluster.masterUrl());
            }

            @Override
            public Config clientConfig() {
                return cluster.clientConfig();
            }

            @Override
            public String metricsUrl() {
                return cluster.metricsUrl();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aRealClusterWithoutPrometheusSaysSoAndTheSandboxIsScrapedDirectly() throws Exception {
        try (AppExecutors executors = new AppExecutors();
             SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
             AppSignals signals = new AppSignals(SignalSettings.NONE, executors, Optional.empty())) {
            signals.clusterChanged(false, "prod-eu", Optional.empty());
            TrafficReading real = signals.traffic().read("shop", "checkout");
            assertEquals(TrafficSignals.NOT_CONFIGURED, real.problem());

            signals.clusterChanged(true, "sandbox", Optional.of(withoutPrometheus(cluster)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            TrafficReading r = signals.traffic().read("shop", "checkout");
            while (Double.isNaN(r.track("stable").orElseThrow().requestRate()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(500);
                r = signals.traffic().read("shop", "checkout");
            }
            assertTrue(signals.metricsName().startsWith("direct scrape of " + cluster.metricsUrl()),
                    signals.metricsName());
            assertTrue(r.track("stable").orElseThrow().requestRate() > 0, r.toString());
            assertEquals("", r.problem());

            signals.clusterChanged(false, "prod-eu", Optional.empty());
            assertEquals(TrafficSignals.NOT_CONFIGURED, signals.traffic().read("shop", "checkout").problem());
        }
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
            signals.clusterChanged(false, "prod-eu", Optional.empty());
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
