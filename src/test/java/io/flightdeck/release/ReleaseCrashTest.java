package io.flightdeck.release;

import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Crash safety: for every step boundary of each strategy, an engine is stopped there as if its process died (its
 * lease left to expire), a new engine takes the release over from the journal, and the release either finishes
 * (even boundaries) or is rolled back (odd ones), with no Deployment, Service, pod, lease or journal left behind.
 * The same for every boundary of the abort steps.
 */
class ReleaseCrashTest {

    static ReleaseFixture fx;
    static int version;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static EngineSettings crashing(boolean aborting, int at) {
        return ReleaseFixture.settings().withLease(Duration.ofSeconds(1), Duration.ofMillis(200))
                .withStepHook((id, abort, index, step) -> !(abort == aborting && index == at));
    }

    private static String image(String app) {
        return "registry.shop.example/" + app + ":5.0-rc" + (++version);
    }

    /** Resumes with a confirmed takeover once the dead engine's lease has expired. */
    private static ReleaseHandle takeOver(String releaseId) throws InterruptedException {
        ReleaseEngine engine = fx.engine(ReleaseFixture.settings(), "rescuer");
        for (int attempt = 0; ; attempt++) {
            try {
                return engine.resume("shop", releaseId, true);
            } catch (LockedException e) {
                if (e.expired() || attempt > 10) {
                    throw e;
                }
                Duration left = Duration.between(Instant.now(), e.holder().expiresAt());
                Thread.sleep(Math.max(10, left.toMillis() + 20));
            }
        }
    }

    private void crashAtEveryForwardBoundary(String app, Function<String, ReleasePlan> plan) throws Exception {
        int steps = StrategySteps.of(plan.apply(image(app))).forward().size();
        for (int k = 0; k < steps; k++) {
            fx.awaitRolledOut(app);
            Map<String, JsonNode> before = fx.objects();
            String image = image(app);
            ReleaseHandle dead = fx.engine(crashing(false, k), "crasher").start(plan.apply(image));
            dead.finished().get();
            assertFalse(dead.driving());
            boolean rollBack = k % 2 == 1;
            ReleaseHandle rescue = takeOver(dead.id());
            if (rollBack) {
                rescue.abort();
            }
            ReleaseFixture.await(rescue, s -> s.phase() == (rollBack ? ReleasePhase.ABORTED : ReleasePhase.SUCCEEDED),
                    Duration.ofSeconds(60));
            String served = fx.awaitRolledOut(app).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getImage();
            if (rollBack) {
                fx.assertSameObjects(before);
            } else {
                assertEquals(image, served, "finished after a crash before step " + k);
            }
            fx.assertNoLeftovers(before);
        }
    }

    private void crashAtEveryAbortBoundary(String app, Function<String, ReleasePlan> plan, String waitAt)
            throws Exception {
        int steps = StrategySteps.of(plan.apply(image(app))).abort().size();
        for (int k = 0; k < steps; k++) {
            fx.awaitRolledOut(app);
            Map<String, JsonNode> before = fx.objects();
            ReleaseHandle dead = fx.engine(crashing(true, k), "crasher").start(plan.apply(image(app)));
            ReleaseFixture.awaitStep(dead, waitAt, ReleasePhase.PAUSED);
            dead.abort();
            dead.finished().get();
            ReleaseHandle rescue = takeOver(dead.id());
            ReleaseFixture.awaitPhase(rescue, ReleasePhase.ABORTED);
            fx.awaitRolledOut(app);
            fx.assertSameObjects(before);
            fx.assertNoLeftovers(before);
        }
    }

    @Test
    void rollingFinishesOrRollsBackAfterACrashAtEveryStep() throws Exception {
        crashAtEveryForwardBoundary("search", image -> new ReleasePlan(key("search"),
                ReleaseChange.image("app", image), ReleaseStrategy.rolling(),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.pause(Duration.ofMillis(100)),
                        ReleaseStep.setWeight(100))));
    }

    @Test
    void canaryFinishesOrRollsBackAfterACrashAtEveryStep() throws Exception {
        crashAtEveryForwardBoundary("cart", image -> new ReleasePlan(key("cart"), ReleaseChange.image("app", image),
                ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.pause(Duration.ofMillis(100)))));
    }

    @Test
    void blueGreenFinishesOrRollsBackAfterACrashAtEveryStep() throws Exception {
        crashAtEveryForwardBoundary("payments", image -> new ReleasePlan(key("payments"),
                ReleaseChange.image("app", image),
                ReleaseStrategy.blueGreen("payments", "payments-preview", Duration.ofMillis(200)),
                List.of(ReleaseStep.pause(Duration.ofMillis(100)))));
    }

    @Test
    void canaryAbortGoesOnAfterACrashAtEveryAbortStep() throws Exception {
        crashAtEveryAbortBoundary("catalog", image -> new ReleasePlan(key("catalog"),
                ReleaseChange.image("app", image), ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.pause())), "pause");
    }

    @Test
    void blueGreenAbortGoesOnAfterACrashAtEveryAbortStep() throws Exception {
        crashAtEveryAbortBoundary("checkout", image -> new ReleasePlan(key("checkout"),
                ReleaseChange.image("app", image),
                ReleaseStrategy.blueGreen("checkout", "checkout-preview", Duration.ofSeconds(30)),
                List.of(ReleaseStep.pause())), "pause");
    }
}
