package io.flightdeck.signals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GUI's direct scrape on a real cluster (the sandbox through a plain client): only the apps asked about are
 * scraped through the pod proxy, each until nobody asked for {@link DemandScrapes#IDLE}; a canary's name is read as
 * its app; a query about an app that cannot be scraped answers why.
 */
class DemandScrapesTest {

    /** A clock the test moves: real time plus a skip. */
    private static final class SkippingClock extends Clock {
        volatile Duration skip = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(skip);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void scrapesOnlyTheWantedAppsWhileTheyAreWanted() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
             KubernetesClient client = cluster.newClient()) {
            SkippingClock clock = new SkippingClock();
            DemandScrapes scrapes = new DemandScrapes(() -> Optional.of(client), clock);
            scrapes.tick();
            assertEquals(0, cluster.server().requestCount("get", "pods/proxy"), "nothing wanted, nothing scraped");

            scrapes.want("shop", "checkout-canary");
            String rate = "sum(rate(http_requests_total{namespace=\"shop\",deployment=~\"checkout\"}[10s]))";
            String other = "sum(rate(http_requests_total{namespace=\"shop\",deployment=~\"catalog\"}[10s]))";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            PromResult r = scrapes.query(rate);
            while (!r.hasData() && System.nanoTime() < deadline) {
                scrapes.tick();
                TimeUnit.MILLISECONDS.sleep(500);
                r = scrapes.query(rate);
            }
            assertTrue(r.hasData() && r.scalar() > 0, r.toString());
            assertEquals(Set.of("shop/checkout"), scrapes.scraped());
            assertTrue(cluster.server().requestCount("get", "pods/proxy") > 0);
            assertTrue(!scrapes.query(other).hasData(), "catalog is not wanted, so not scraped");

            clock.skip = DemandScrapes.IDLE.plusSeconds(1);
            scrapes.tick();
            assertEquals(Set.of(), scrapes.scraped());
            long proxied = cluster.server().requestCount("get", "pods/proxy");
            scrapes.tick();
            assertEquals(proxied, cluster.server().requestCount("get", "pods/proxy"), "dropped after idling");
        }
    }

    @Test
    void aQueryAboutAnAppThatCannotBeScrapedSaysWhy() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
             KubernetesClient client = cluster.newClient()) {
            DemandScrapes scrapes = new DemandScrapes(() -> Optional.of(client), Clock.systemUTC());
            scrapes.want("shop", "no-such-app");
            scrapes.tick();
            PromResult r = scrapes.query(
                    "sum(rate(http_requests_total{namespace=\"shop\",deployment=~\"no-such-app\"}[10s]))");
            assertEquals("Deployment shop/no-such-app does not exist", r.message());
            PromResult unrelated = scrapes.query(
                    "sum(rate(http_requests_total{namespace=\"shop\",deployment=~\"cart\"}[10s]))");
            assertEquals("no samples in the window", unrelated.message(), "another app's problem is not this one's");

            cluster.server().rbac().deny("list:pods:shop");
            scrapes.want("shop", "cart");
            scrapes.tick();
            assertEquals("cannot list pods in shop: forbidden", scrapes.query(
                    "sum(rate(http_requests_total{namespace=\"shop\",deployment=~\"cart\"}[10s]))").message());
        }
    }
}
