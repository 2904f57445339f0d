package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollback to a kept revision with kubectl's undo algorithm, against the sandbox. */
class RollbackTest {

    static ReleaseFixture fx;
    static final WorkloadKey STOREFRONT = key("storefront");

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
        fx.awaitRolledOut("storefront");
        setImage("3.5", "release 3.5");
        fx.awaitRolledOut("storefront");
        setImage("3.6", "release 3.6");
        fx.awaitRolledOut("storefront");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static void setImage(String tag, String cause) {
        fx.client.apps().deployments().inNamespace("shop").withName("storefront").edit(d -> new DeploymentBuilder(d)
                .editMetadata().addToAnnotations("kubernetes.io/change-cause", cause).endMetadata()
                .editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("registry.shop.example/storefront:" + tag).endContainer().endSpec().endTemplate()
                .endSpec().build());
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static long revision(Deployment d) {
        return Long.parseLong(d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    }

    @Test
    void rollsBackToAKeptRevisionCopyingItsTemplateAndAnnotations() {
        ReleaseEngine engine = fx.engine();
        assertEquals(Rollbacks.Result.ROLLED_BACK, engine.rollback(STOREFRONT, 2));
        Deployment d = fx.awaitRolledOut("storefront");
        assertEquals("registry.shop.example/storefront:3.5", image(d));
        assertEquals("release 3.5", d.getMetadata().getAnnotations().get("kubernetes.io/change-cause"),
                "annotations come from the revision's ReplicaSet");
        assertEquals(4, revision(d), "the re-adopted ReplicaSet becomes the newest revision");
        assertFalse(d.getSpec().getTemplate().getMetadata().getLabels().containsKey(Templates.HASH_LABEL));

        assertEquals(Rollbacks.Result.ROLLED_BACK, engine.rollback(STOREFRONT, 0));
        Deployment previous = fx.awaitRolledOut("storefront");
        assertEquals("registry.shop.example/storefront:3.6", image(previous), "0 = the revision before the current");
    }

    @Test
    void aRollbackIsJournaledSoTheTimelineShowsIt() {
        WorkloadKey catalog = key("catalog");
        fx.awaitRolledOut("catalog");
        fx.client.apps().deployments().inNamespace("shop").withName("catalog").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("registry.shop.example/catalog:9.1").endContainer().endSpec().endTemplate()
                .endSpec().build());
        long from = revision(fx.awaitRolledOut("catalog"));
        assertEquals(Rollbacks.Result.ROLLED_BACK, fx.engine().rollback(catalog, 0));
        ReleaseSnapshot rollback = fx.engine().history(catalog).stream()
                .filter(s -> s.id().startsWith("rollback-")).findFirst()
                .orElseThrow(() -> new AssertionError(fx.engine().history(catalog)));
        assertEquals(ReleasePhase.SUCCEEDED, rollback.phase());
        assertEquals(1, rollback.events().size());
        ReleaseEvent e = rollback.events().get(0);
        assertEquals("rollback", e.action());
        assertEquals("ok", e.outcome());
        assertEquals("tester", e.actor().osUser());
        assertEquals(Map.of("deployment", "catalog", "fromRevision", Long.toString(from), "toRevision",
                Long.toString(from - 1), "images", "{app=" + image(fx.awaitRolledOut("catalog")) + "}"), e.details());
        assertEquals(List.of(), fx.engine().inFlight("shop"), "a rollback is never in flight");
    }

    @Test
    void rollbackToTheCurrentTemplateIsANoOp() {
        Deployment d = fx.awaitRolledOut("storefront");
        long current = revision(d);
        assertEquals(Rollbacks.Result.SKIPPED, fx.engine().rollback(STOREFRONT, current));
        assertEquals(d.getMetadata().getResourceVersion(),
                fx.deployment("storefront").getMetadata().getResourceVersion(), "nothing written");
    }

    @Test
    void refusedWhilePausedAndForAnUnknownRevision() {
        fx.client.apps().deployments().inNamespace("shop").withName("cart").edit(d -> new DeploymentBuilder(d)
                .editSpec().withPaused(true).endSpec().build());
        try {
            IllegalStateException paused = assertThrows(IllegalStateException.class,
                    () -> fx.engine().rollback(key("cart"), 1));
            assertTrue(paused.getMessage().contains("cannot rollback a paused deployment"), paused.getMessage());
            ReleaseEvent refused = fx.engine().history(key("cart")).stream()
                    .filter(h -> h.id().startsWith("rollback-")).map(h -> h.events().get(0)).findFirst().orElseThrow();
            assertEquals("failed", refused.outcome());
            assertTrue(refused.details().get("error").contains("cannot rollback a paused deployment"),
                    refused.details().toString());
        } finally {
            fx.client.apps().deployments().inNamespace("shop").withName("cart").edit(d -> new DeploymentBuilder(d)
                    .editSpec().withPaused(null).endSpec().build());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> fx.engine().rollback(STOREFRONT, 99));
        assertEquals("unable to find specified revision 99 in history", unknown.getMessage());
    }
}
