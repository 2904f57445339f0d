package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.signals.ScrapeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rolling release measured by real signals: the background analysis measures the new version by the
 * pod_template_hash of its ReplicaSet (old and new pods share Deployment and track), from direct scrapes of the
 * sandbox's exporter. A rollout of checkout to an {@code -errors} image, held at 50 %, fails its success-rate and is
 * rolled back to exactly the Deployment from before.
 */
class RollingBackgroundAnalysisTest {

    static ReleaseFixture fx;
    static ReleaseEngine engine;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
        ScrapeSource scrapes = new ScrapeSource(fx.cluster.metricsUrl(), Clock.systemUTC());
        fx.executor.scheduleWithFixedDelay(scrapes::scrape, 0, 500, TimeUnit.MILLISECONDS);
        SignalsAnalysisHook hook = new SignalsAnalysisHook(scrapes, fx.executor, Duration.ofSeconds(2), 4,
                Clock.systemUTC());
        engine = fx.engine(ReleaseFixture.settings().withAnalysis(hook), "tester");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void anErroringRolloutIsAbortedByItsBackgroundAnalysisOnTheNewReplicaSetAndRolledBack() {
        fx.awaitRolledOut("checkout");
        Map<String, JsonNode> before = fx.objects();
        String image = fx.deployment("checkout").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        ReleasePlan plan = new ReleasePlan(key("checkout"),
                ReleaseChange.image("app", "registry.shop.example/checkout:2.1-errors"), ReleaseStrategy.rolling(),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.pause(), ReleaseStep.setWeight(100)))
                .withBackgroundAnalysis("success-rate");
        ReleaseHandle h = engine.start(plan);
        ReleaseSnapshot done = ReleaseFixture.await(h, s -> s.phase().terminal(), Duration.ofSeconds(120));

        assertEquals(ReleasePhase.ABORTED, done.phase(), ReleaseFixture.describe(done));
        ReleaseEvent failed = done.events().stream().filter(e -> e.action().equals("background-analysis")
                && e.outcome().equals("failed")).findFirst().orElseThrow(() -> new AssertionError(done.events()));
        String first = failed.details().get("success-rate#1");
        // the old pods serve without errors: a success rate below 0.99 was measured on the new ReplicaSet's pods only
        assertTrue(first != null && first.matches("FAILED \\[0\\.9[0-8]\\d*] at .*"), failed.details().toString());
        assertTrue(done.events().stream().anyMatch(e -> e.action().equals("rollback")), "rolled back");

        ReplicaSet errors = fx.client.apps().replicaSets().inNamespace(ReleaseFixture.NS).list().getItems().stream()
                .filter(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                        .endsWith(":2.1-errors")).findFirst().orElseThrow();
        String measured = ReleaseJournal.list(fx.client, key("checkout")).stream()
                .filter(e -> e.record().id().equals(done.id())).findFirst().orElseThrow().record().state()
                .vars().get(NewVersion.HASH);
        assertEquals(Kube.hash(errors), measured,
                "the analysis measured the ReplicaSet of the new template");
        assertEquals(image, fx.awaitRolledOut("checkout").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage());
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);
    }
}
