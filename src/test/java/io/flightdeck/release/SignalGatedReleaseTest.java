package io.flightdeck.release;

import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromEndpoint;
import io.flightdeck.signals.RealPrometheus;
import io.flightdeck.signals.SharedQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Canary releases gated by a success-rate analysis measured by a real Prometheus scraping the sandbox: an erroring
 * canary is aborted by its gate and everything is restored; a healthy canary passes and is promoted. Skipped where
 * prometheus is not installed.
 */
class SignalGatedReleaseTest {

    static ReleaseFixture fx;
    static RealPrometheus prometheus;
    static ReleaseEngine engine;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RealPrometheus.available(), "prometheus is not installed");
        fx = new ReleaseFixture();
        prometheus = RealPrometheus.start(URI.create(fx.cluster.metricsUrl()).getAuthority());
        PromClient prom = new PromClient(PromEndpoint.of(prometheus.url()).withTimeout(Duration.ofSeconds(2)));
        SignalsAnalysisHook hook = new SignalsAnalysisHook(new SharedQueries(prom, Duration.ofSeconds(1)),
                fx.executor, Duration.ofSeconds(2), 4, Clock.systemUTC());
        engine = fx.engine(ReleaseFixture.settings().withAnalysis(hook), "tester");
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void anErroringCanaryIsAbortedByItsGateAndEverythingIsRestored() {
        fx.awaitRolledOut("checkout");
        Map<String, JsonNode> before = fx.objects();
        ReleaseHandle h = engine.start(plan("checkout", "registry.shop.example/checkout:2.1-errors"));
        ReleaseSnapshot done = ReleaseFixture.await(h, s -> s.phase().terminal(), Duration.ofSeconds(120));
        assertEquals(ReleasePhase.ABORTED, done.phase(), ReleaseFixture.describe(done));
        assertTrue(done.events().stream().anyMatch(e -> e.details().keySet().stream()
                .anyMatch(k -> k.startsWith("success-rate#"))), "the gate's measurements are journaled");
        fx.awaitRolledOut("checkout");
        fx.assertNoLeftovers(before);
    }

    @Test
    void aHealthyCanaryPassesItsGateAndIsPromoted() {
        fx.awaitRolledOut("payments");
        ReleaseHandle h = engine.start(plan("payments", "registry.shop.example/payments:1.7"));
        ReleaseSnapshot done = ReleaseFixture.await(h, s -> s.phase().terminal(), Duration.ofSeconds(120));
        assertEquals(ReleasePhase.SUCCEEDED, done.phase(), ReleaseFixture.describe(done));
        assertEquals("registry.shop.example/payments:1.7", fx.awaitRolledOut("payments").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());
    }

    private static ReleasePlan plan(String app, String image) {
        return new ReleasePlan(key(app), ReleaseChange.image("app", image), ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.analysis("success-rate"), ReleaseStep.setWeight(100)));
    }
}
