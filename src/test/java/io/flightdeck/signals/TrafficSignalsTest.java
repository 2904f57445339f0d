package io.flightdeck.signals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-version traffic read from direct scrapes of the sandbox's pod metrics while a canary of checkout with an
 * {@code -errors} image (5 % HTTP 500) runs next to the stable version: both versions have traffic, the canary's
 * success rate is visibly lower. Also what a reading says without a source and with an unreachable one.
 */
class TrafficSignalsTest {

    @Test
    void readsStableAndCanaryTrafficFromDirectScrapes() throws Exception {
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "flightdeck-traffic-test");
            t.setDaemon(true);
            return t;
        });
        try (SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(20));
             KubernetesClient client = cluster.newClient()) {
            ScrapeSource scrapes = new ScrapeSource(cluster.metricsUrl(), Clock.systemUTC());
            executor.scheduleWithFixedDelay(scrapes::scrape, 0, 500, TimeUnit.MILLISECONDS);
            ReleaseEngine engine = new ReleaseEngine(client, executor, new Actor("sandbox-admin", "tester", "host"),
                    EngineSettings.defaults().withTick(Duration.ofMillis(50)));
            client.apps().deployments().inNamespace("shop").withName("checkout").waitUntilCondition(
                    d -> d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                            && d.getStatus().getReadyReplicas() > 0, 60, TimeUnit.SECONDS);
            ReleaseHandle h = engine.start(new ReleasePlan(new WorkloadKey("shop", "checkout"),
                    ReleaseChange.image("app", "registry.shop.example/checkout:2.1-errors"), ReleaseStrategy.canary(),
                    List.of(ReleaseStep.setWeight(50), ReleaseStep.pause())));
            TrafficSignals signals = new TrafficSignals(scrapes);

            TrafficReading r = poll(() -> signals.read("shop", "checkout"), x -> x.track("canary")
                    .filter(v -> !Double.isNaN(v.successRate()) && !Double.isNaN(v.p99Seconds())).isPresent());
            assertEquals(ReleasePhase.PAUSED, h.snapshot().phase(), h.snapshot().message());
            // a few more seconds of traffic so that 5 % errors show in the canary's window
            r = poll(() -> signals.read("shop", "checkout"), x -> x.track("canary")
                    .filter(v -> v.successRate() < 0.995).isPresent());
            assertEquals("", r.problem());
            VersionTraffic stable = r.track("stable").orElseThrow();
            VersionTraffic canary = r.track("canary").orElseThrow();
            assertEquals("checkout", stable.deployment());
            assertEquals("checkout-canary", canary.deployment());
            assertTrue(stable.requestRate() > 0 && canary.requestRate() > 0, r.toString());
            assertTrue(stable.successRate() > 0.99, r.toString());
            assertTrue(canary.successRate() < 0.995 && canary.successRate() > 0.8, r.toString());
            assertTrue(stable.p99Seconds() > 0 && stable.p99Seconds() < 1, r.toString());
            assertFalse(r.track("green").isPresent(), "no green version: " + r);
            assertEquals(List.of("stable", "canary"), signals.read("shop", "checkout-canary").versions().stream()
                    .map(VersionTraffic::track).toList(), "a canary's name is read as its app");
            executor.shutdownNow();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void withoutASourceEveryReadingSaysSo() {
        TrafficReading r = TrafficSignals.unconfigured().read("shop", "checkout");
        assertEquals(TrafficSignals.NOT_CONFIGURED, r.problem());
        VersionTraffic stable = r.track("stable").orElseThrow();
        assertTrue(Double.isNaN(stable.requestRate()) && !stable.hasData());
    }

    @Test
    void anUnreachableSourceIsAProblemNotAValue() {
        ScrapeSource scrapes = new ScrapeSource("http://127.0.0.1:9/metrics", Clock.systemUTC());
        scrapes.scrape();
        TrafficReading r = new TrafficSignals(scrapes).read("shop", "checkout");
        assertTrue(r.problem().contains("unreachable"), r.problem());
        assertFalse(r.track("stable").orElseThrow().hasData());
    }

    @Test
    void aSourceThatSaysItIsNotConfiguredIsAProblem() {
        TrafficReading r = new TrafficSignals(q -> PromResult.noData(TrafficSignals.NOT_CONFIGURED))
                .read("shop", "checkout");
        assertEquals(TrafficSignals.NOT_CONFIGURED, r.problem());
    }

    @Test
    void quietNoDataIsNaNWithoutAProblem() {
        TrafficReading r = new TrafficSignals(q -> PromResult.noData("the query returned no series"))
                .read("shop", "checkout");
        assertEquals("", r.problem());
        assertEquals(1, r.versions().size());
        assertFalse(r.versions().get(0).hasData());
    }

    private static TrafficReading poll(java.util.function.Supplier<TrafficReading> read,
                                       Predicate<TrafficReading> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        TrafficReading r = read.get();
        while (!done.test(r)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; last reading: " + r);
            }
            TimeUnit.MILLISECONDS.sleep(500);
            r = read.get();
        }
        return r;
    }
}
