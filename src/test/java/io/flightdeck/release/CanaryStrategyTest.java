package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Canary releases against the sandbox: replica-ratio weights, HTTPRoute weights, promotion and abort. */
class CanaryStrategyTest {

    static ReleaseFixture fx;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static ReleasePlan plan(String app, String image, ReleaseStep... steps) {
        return new ReleasePlan(key(app), ReleaseChange.image("app", image), ReleaseStrategy.canary(),
                List.of(steps));
    }

    @Test
    void weightsByReplicaRatioThenPromotesAndLeavesNoCanary() {
        fx.awaitRolledOut("cart");
        Map<String, JsonNode> before = fx.objects();
        ReleaseHandle h = fx.engine().start(plan("cart", "registry.shop.example/cart:2.3",
                ReleaseStep.setWeight(25), ReleaseStep.pause(), ReleaseStep.setWeight(50),
                ReleaseStep.pause(Duration.ofMillis(300))));
        ReleaseSnapshot paused = ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        assertEquals(25, paused.weight());
        Deployment canary = fx.deployment("cart-canary");
        assertEquals(1, canary.getSpec().getReplicas(), "ceil(4 * 0.25)");
        assertEquals(3, fx.deployment("cart").getSpec().getReplicas(), "ceil(4 * 0.75)");
        assertEquals("canary", canary.getSpec().getTemplate().getMetadata().getLabels().get(Steps.TRACK));
        assertEquals("cart", canary.getSpec().getTemplate().getMetadata().getLabels().get("app"),
                "same app labels, so the cart Service reaches the canary");
        assertEquals(1, canary.getStatus().getAvailableReplicas());
        h.promote();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        assertEquals(100, done.weight());
        Deployment cart = fx.awaitRolledOut("cart");
        assertEquals("registry.shop.example/cart:2.3", cart.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage());
        assertEquals(4, cart.getSpec().getReplicas());
        assertNull(fx.deployment("cart-canary"));
        assertTrue(done.events().stream().anyMatch(e -> e.action().equals("weight")
                && "50".equals(e.details().get("weight"))), "weight 50 journaled");
        fx.assertNoLeftovers(before);
    }

    @Test
    void abortAtFiftyPercentRestoresStableExactly() {
        fx.awaitRolledOut("catalog");
        Map<String, JsonNode> before = fx.objects();
        ReleaseHandle h = fx.engine().start(plan("catalog", "registry.shop.example/catalog:3.0-errors",
                ReleaseStep.setWeight(50), ReleaseStep.pause(), ReleaseStep.setWeight(100)));
        ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        assertEquals(2, fx.deployment("catalog").getSpec().getReplicas());
        assertEquals(2, fx.deployment("catalog-canary").getSpec().getReplicas());
        h.abort();
        ReleaseSnapshot s = ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
        assertEquals(0, s.weight());
        fx.awaitRolledOut("catalog");
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);
    }

    @Test
    void httpRouteWeightsAreExactAndRestoredOnAbort() {
        fx.awaitRolledOut("search");
        HTTPRoute route = new HTTPRouteBuilder().withNewMetadata().withName("search").withNamespace("shop")
                .endMetadata().withNewSpec().addNewParentRef().withName("shop-gateway").endParentRef()
                .addNewRule().addNewBackendRef().withName("search").withPort(80).endBackendRef().endRule()
                .endSpec().build();
        fx.client.resources(HTTPRoute.class).inNamespace("shop").resource(route).create();
        try {
            JsonNode routeBefore = Templates.tree(fx.client.resources(HTTPRoute.class).inNamespace("shop")
                    .withName("search").get().getSpec());
            Map<String, JsonNode> before = fx.objects();
            ReleaseHandle h = fx.engine().start(plan("search", "registry.shop.example/search:2.0",
                    ReleaseStep.setWeight(20), ReleaseStep.pause(), ReleaseStep.setWeight(100)));
            ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
            List<HTTPBackendRef> refs = fx.client.resources(HTTPRoute.class).inNamespace("shop").withName("search")
                    .get().getSpec().getRules().get(0).getBackendRefs();
            assertEquals(List.of("search-stable", "search-canary"), refs.stream().map(HTTPBackendRef::getName)
                    .toList());
            assertEquals(List.of(80, 20), refs.stream().map(HTTPBackendRef::getWeight).toList());
            assertEquals(3, fx.deployment("search").getSpec().getReplicas(), "stable keeps all replicas");
            assertEquals(1, fx.deployment("search-canary").getSpec().getReplicas(), "ceil(3 * 0.2)");
            Service stable = fx.client.services().inNamespace("shop").withName("search-stable").get();
            assertTrue(stable.getSpec().getSelector().containsKey(Templates.HASH_LABEL), "stable Service pinned");
            h.abort();
            ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
            assertEquals(routeBefore, Templates.tree(fx.client.resources(HTTPRoute.class).inNamespace("shop")
                    .withName("search").get().getSpec()), "route rules exactly as before");
            fx.assertSameObjects(before);
            fx.assertNoLeftovers(before);
        } finally {
            fx.client.resources(HTTPRoute.class).inNamespace("shop").withName("search").delete();
        }
    }

    @Test
    void aFailedAnalysisAbortsOnItsOwnAndAPassedOneJournalsItsMeasurements() {
        fx.awaitRolledOut("storefront");
        Map<String, JsonNode> before = fx.objects();
        AnalysisHook judge = r -> r.analysis().equals("latency")
                ? new AnalysisHook.Verdict(AnalysisHook.Outcome.PASSED, "p99 within bounds", Map.of("p99", "140ms"))
                : new AnalysisHook.Verdict(AnalysisHook.Outcome.FAILED, "error rate 5.1% > 1%",
                Map.of("errorRate", "0.051"));
        ReleaseHandle h = fx.engine(ReleaseFixture.settings().withAnalysis(judge), "tester").start(plan("storefront",
                "registry.shop.example/storefront:3.5-errors", ReleaseStep.setWeight(25),
                ReleaseStep.analysis("latency"), ReleaseStep.analysis("errors"), ReleaseStep.setWeight(100)));
        ReleaseSnapshot s = ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
        assertTrue(s.events().stream().anyMatch(e -> e.action().equals("analysis") && e.outcome().equals("passed")
                && "140ms".equals(e.details().get("p99"))), s.events().toString());
        assertTrue(s.events().stream().anyMatch(e -> e.action().equals("abort")
                && e.details().get("reason").contains("error rate 5.1%")), s.events().toString());
        fx.awaitRolledOut("storefront");
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);
    }

    @Test
    void fullPromotionSkipsTheRemainingWeightsAndPauses() {
        fx.awaitRolledOut("payments");
        Map<String, JsonNode> before = fx.objects();
        ReleaseHandle h = fx.engine().start(plan("payments", "registry.shop.example/payments:2.0",
                ReleaseStep.setWeight(50), ReleaseStep.pause(), ReleaseStep.setWeight(75), ReleaseStep.pause()));
        ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        h.promoteFull();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        assertTrue(done.events().stream().noneMatch(e -> "75".equals(e.details().get("weight"))), "75% skipped");
        assertEquals("registry.shop.example/payments:2.0", fx.awaitRolledOut("payments").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());
        fx.assertNoLeftovers(before);
    }
}
