package io.flightdeck.signals;

import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** PromClient against a real Prometheus scraping the sandbox's shop. Skipped where prometheus is not installed. */
class PromClientTest {

    static SandboxCluster cluster;
    static RealPrometheus prometheus;
    static PromClient client;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RealPrometheus.available(), "prometheus is not installed");
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5));
        prometheus = RealPrometheus.start(URI.create(cluster.metricsUrl()).getAuthority());
        client = new PromClient(PromEndpoint.of(prometheus.url()).withTimeout(Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void instantAndRangeQueriesReturnTheShopsTraffic() throws Exception {
        String q = "sum(rate(http_requests_total{namespace=\"shop\",deployment=\"storefront\"}[5s]))";
        PromResult r = awaitData(q);
        assertTrue(r.scalar() > 0, "storefront serves requests: " + r);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        PromResult range;
        do {
            TimeUnit.MILLISECONDS.sleep(500);
            range = client.queryRange(q, Instant.now().minusSeconds(10), Instant.now(), Duration.ofSeconds(1));
        } while ((!range.hasData() || range.series().get(0).samples().size() < 3) && System.nanoTime() < deadline);
        assertTrue(range.hasData() && range.series().get(0).samples().size() >= 3, range.toString());
    }

    @Test
    void aBadQueryCarriesPrometheusOwnMessage() {
        PromResult r = client.query("sum(rate(http_requests_total[5s]", null);
        assertEquals(PromResult.Kind.ERROR, r.kind());
        assertTrue(r.message().contains("parse error"), r.message());
    }

    @Test
    void anEmptyResultIsNoDataNotZero() {
        PromResult r = client.query("http_requests_total{deployment=\"no-such-app\"}", null);
        assertEquals(PromResult.Kind.NO_DATA, r.kind());
    }

    @Test
    void anUnreachableServerIsNoData() {
        PromClient closed = new PromClient(PromEndpoint.of("http://127.0.0.1:1").withTimeout(Duration.ofSeconds(2)));
        PromResult r = closed.query("up", null);
        assertEquals(PromResult.Kind.NO_DATA, r.kind());
        assertTrue(r.message().contains("unreachable"), r.message());
    }

    private static PromResult awaitData(String q) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        PromResult r = client.query(q, null);
        while (!r.hasData() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            r = client.query(q, null);
        }
        return r;
    }
}
