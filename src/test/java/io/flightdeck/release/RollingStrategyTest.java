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
}
