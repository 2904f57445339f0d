package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
import java.util.Set;
import java.util.stream.Collectors;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blue/green releases against the sandbox: pinning, preview, switch, scale-down delay, switching back. */
class BlueGreenStrategyTest {

    static ReleaseFixture fx;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private Set<String> podsBehind(String service) {
        Map<String, String> selector = fx.client.services().inNamespace("shop").withName(service).get().getSpec()
                .getSelector();
        return fx.client.pods().inNamespace("shop").withLabels(selector).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    @Test
    void switchesWithOneSelectorPatchAndFoldsBackIntoTheDeployment() {
        Deployment blue = fx.awaitRolledOut("checkout");
        Map<String, JsonNode> before = fx.objects();
        Set<String> bluePods = podsBehind("checkout");
        ReleasePlan plan = new ReleasePlan(key("checkout"),
                ReleaseChange.image("app", "registry.shop.example/checkout:2.1"),
                ReleaseStrategy.blueGreen("checkout", "checkout-preview", Duration.ofMillis(500)),
                List.of(ReleaseStep.pause()));
        ReleaseHandle h = fx.engine().start(plan);
        ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        assertEquals(bluePods, podsBehind("checkout"), "pinning the active Service restarted nothing");
        assertTrue(fx.client.services().inNamespace("shop").withName("checkout").get().getSpec().getSelector()
                .containsKey(Templates.HASH_LABEL));
        Set<String> green = podsBehind("checkout-preview");
        assertEquals(3, green.size(), "the preview Service selects the green pods");
        assertTrue(green.stream().allMatch(n -> n.startsWith("checkout-green-")));
        h.promote();
        ReleaseFixture.await(h, s -> s.weight() == 100, Duration.ofSeconds(30));
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        Deployment after = fx.awaitRolledOut("checkout");
        assertEquals("registry.shop.example/checkout:2.1",
                after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertNull(fx.deployment("checkout-green"));
        assertNull(fx.client.services().inNamespace("shop").withName("checkout-preview").get());
        assertEquals(before.get("service/checkout"), fx.objects().get("service/checkout"),
                "the selector is restored once only the new version is left");
        assertTrue(done.events().stream().anyMatch(e -> e.action().equals("switch")));
        assertEquals(blue.getSpec().getReplicas(), after.getSpec().getReplicas());
        fx.assertNoLeftovers(before);
    }

    @Test
    void abortDuringTheScaleDownDelaySwitchesBackAtOnce() {
        fx.awaitRolledOut("payments");
        Map<String, JsonNode> before = fx.objects();
        Set<String> bluePods = podsBehind("payments");
        ReleasePlan plan = new ReleasePlan(key("payments"),
                ReleaseChange.image("app", "registry.shop.example/payments:1.7"), ReleaseStrategy.blueGreen(),
                List.of());
        ReleaseHandle h = fx.engine().start(plan);
        ReleaseFixture.awaitStep(h, "keep old version scaled", ReleasePhase.PROGRESSING);
        Service active = fx.client.services().inNamespace("shop").withName("payments").get();
        assertTrue(podsBehind("payments").stream().allMatch(n -> n.startsWith("payments-green-")),
                "switched: " + active.getSpec().getSelector());
        assertEquals(2, fx.deployment("payments").getStatus().getAvailableReplicas(), "blue still scaled");
        long t0 = System.nanoTime();
        h.abort();
        ReleaseFixture.await(h, s -> s.aborting() && s.stepIndex() > 1, Duration.ofSeconds(10));
        long switchBack = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(bluePods, podsBehind("payments"), "the same blue pods serve again");
        assertTrue(switchBack < 2_000, "switching back took " + switchBack + " ms");
        ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);
    }
}
