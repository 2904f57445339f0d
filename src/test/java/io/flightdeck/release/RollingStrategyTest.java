package io.flightdeck.release;

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

import java.util.List;
import java.util.Map;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rolling releases against the sandbox: pause points, promotion, abort back to the previous revision. */
class RollingStrategyTest {

    static ReleaseFixture fx;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void rollsOutWithAPausePointAndEndsOnTheNewVersion() {
        fx.awaitRolledOut("catalog");
        Map<String, JsonNode> before = fx.objects();
        ReleasePlan plan = new ReleasePlan(key("catalog"),
                ReleaseChange.image("app", "registry.shop.example/catalog:2.8"), ReleaseStrategy.rolling("1", "0"),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.pause(), ReleaseStep.setWeight(100)));
        ReleaseHandle h = fx.engine().start(plan);
        ReleaseSnapshot paused = ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        Deployment d = fx.deployment("catalog");
        assertTrue(d.getSpec().getPaused(), "held with spec.paused at the pause point");
        assertTrue(d.getStatus().getUpdatedReplicas() >= 2, "at least half updated: " + d.getStatus());
        assertEquals(1, d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal(), "plan's maxSurge");
        assertEquals(0, d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
        h.promote();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        Deployment after = fx.awaitRolledOut("catalog");
        assertEquals("registry.shop.example/catalog:2.8",
                after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertTrue(!Boolean.TRUE.equals(after.getSpec().getPaused()));
        assertTrue(done.events().stream().anyMatch(e -> e.action().equals("promote")), "promotion journaled");
        fx.assertNoLeftovers(before);
    }

    @Test
    void abortAtThePausePointRestoresTheExactPreviousDeployment() {
        fx.awaitRolledOut("search");
        Map<String, JsonNode> before = fx.objects();
        long revisionBefore = Long.parseLong(fx.deployment("search").getMetadata().getAnnotations()
                .get("deployment.kubernetes.io/revision"));
        ReleasePlan plan = new ReleasePlan(key("search"),
                ReleaseChange.image("app", "registry.shop.example/search:2.0"), ReleaseStrategy.rolling(),
                List.of(ReleaseStep.setWeight(34), ReleaseStep.pause(), ReleaseStep.setWeight(100)));
        ReleaseHandle h = fx.engine().start(plan);
        ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        h.abort();
        ReleaseSnapshot s = ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
        assertTrue(s.aborting());
        Deployment after = fx.awaitRolledOut("search");
        assertEquals("registry.shop.example/search:1.9",
                after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertTrue(Long.parseLong(after.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))
                > revisionBefore, "undo makes the old ReplicaSet the newest revision, as kubectl does");
        fx.assertSameObjects(before);
        assertTrue(s.events().stream().anyMatch(e -> e.action().equals("rollback")), "rollback journaled");
        fx.assertNoLeftovers(before);
    }

    @Test
    void anOperatorPauseHoldsTheDeploymentAndResumeFinishes() {
        fx.awaitRolledOut("storefront");
        ReleaseHandle h = fx.engine().start(new ReleasePlan(key("storefront"),
                ReleaseChange.image("app", "registry.shop.example/storefront:3.5"), ReleaseStrategy.rolling("1", "0"),
                List.of()));
        h.pause();
        ReleaseFixture.await(h, s -> s.phase() == ReleasePhase.PAUSED, java.time.Duration.ofSeconds(10));
        assertTrue(fx.deployment("storefront").getSpec().getPaused(), "an operator's pause pauses the Deployment");
        h.resume();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        assertTrue(done.events().stream().anyMatch(e -> e.action().equals("pause")));
        Deployment d = fx.awaitRolledOut("storefront");
        assertEquals(null, d.getSpec().getPaused(), "spec.paused removed again, as it was");
    }

    @Test
    void aTemplatePatchIsReleasedLikeAnImage() {
        fx.awaitRolledOut("cart");
        ReleaseHandle h = fx.engine().start(new ReleasePlan(key("cart"), ReleaseChange.templatePatch(
                "[{\"op\":\"add\",\"path\":\"/spec/containers/0/env/-\",\"value\":{\"name\":\"FEATURE_X\","
                        + "\"value\":\"on\"}}]"), ReleaseStrategy.rolling(), List.of()));
        ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        var env = fx.awaitRolledOut("cart").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertEquals("FEATURE_X", env.get(env.size() - 1).getName());
    }

    @Test
    void aVersionThatNeverGetsReadyStopsWithTheDeadlineErrorAndAbortRestores() {
        fx.client.apps().deployments().inNamespace("shop").withName("payments").edit(d ->
                new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).editSpec()
                        .withProgressDeadlineSeconds(20).endSpec().build());
        fx.awaitRolledOut("payments");
        Map<String, JsonNode> before = fx.objects();
        ReleaseHandle h = fx.engine().start(new ReleasePlan(key("payments"),
                ReleaseChange.image("app", "registry.shop.example/payments:1.7-noready"), ReleaseStrategy.rolling(),
                List.of()));
        ReleaseSnapshot failed = ReleaseFixture.await(h, s -> !s.error().isEmpty(), java.time.Duration.ofSeconds(60));
        assertEquals(ReleasePhase.PAUSED, failed.phase());
        assertTrue(failed.error().contains("exceeded its progress deadline"), failed.error());
        h.abort();
        ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
        fx.awaitRolledOut("payments");
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);
    }
}
