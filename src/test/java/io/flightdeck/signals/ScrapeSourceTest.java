package io.flightdeck.signals;

import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.QueryTemplate;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without Prometheus, the built-in templates are computed from direct scrapes of the sandbox's pod metrics. */
class ScrapeSourceTest {

    @Test
    void builtInTemplatesFromDirectScrapes() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(5))) {
            ScrapeSource source = new ScrapeSource(cluster.metricsUrl(), Clock.systemUTC());
            Map<String, String> args = BuiltInTemplates.args("shop", "storefront", "stable", "", "storefront");
            String success = QueryTemplate.fill(BuiltInTemplates.metric(BuiltInTemplates.SUCCESS_RATE,
                    Duration.ofSeconds(5), 1).orElseThrow().query(), args);
            String p99 = QueryTemplate.fill(BuiltInTemplates.metric(BuiltInTemplates.LATENCY_P99,
                    Duration.ofSeconds(5), 1).orElseThrow().query(), args);
            PromResult rate = PromResult.noData("not yet");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!rate.hasData() && System.nanoTime() < deadline) {
                source.scrape();
                TimeUnit.MILLISECONDS.sleep(500);
                rate = source.query(success);
            }
            for (int i = 0; i < 6; i++) {
                source.scrape();
                TimeUnit.MILLISECONDS.sleep(500);
            }
            rate = source.query(success);
            assertTrue(rate.hasData() && rate.scalar() > 0.98 && rate.scalar() <= 1.0, rate.toString());
            PromResult latency = source.query(p99);
            assertTrue(latency.hasData() && latency.scalar() > 0.05 && latency.scalar() < 0.5, latency.toString());
            assertEquals(PromResult.Kind.ERROR, source.query("topk(3, up)").kind());
        }
    }
}
