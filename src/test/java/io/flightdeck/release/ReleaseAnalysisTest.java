package io.flightdeck.release;

import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Analyses outside the steps, against the sandbox with a scripted analysis hook: a canary's background analysis that
 * fails while the release waits at a pause aborts it and restores everything, its measurements journaled one by one;
 * an inconclusive one pauses the release until an operator resumes it; a blue/green post-promotion analysis that fails
 * after the switch switches back, and one that passes holds the old version until it has.
 */
class ReleaseAnalysisTest {

    static ReleaseFixture fx;
    static final List<AnalysisHook.Request> REQUESTS = new CopyOnWriteArrayList<>();
    static volatile AnalysisHook hook = AnalysisHook.MANUAL;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static ReleaseEngine engine() {
        return fx.engine(ReleaseFixture.settings().withAnalysis(r -> {
            REQUESTS.add(r);
            return hook.judge(r);
        }), "tester");
    }

    /** RUNNING with one more measurement every {@code every} calls, then {@code end} with all of them. */
    private static AnalysisHook scripted(String metric, int measurements, int every, AnalysisHook.Outcome end) {
        AtomicInteger calls = new AtomicInteger();
        return r -> {
            int n = Math.min(measurements, calls.incrementAndGet() / every);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                values.put(metric + "#" + i, "FAILED [0.9" + i + "]");
            }
            return n < measurements ? new AnalysisHook.Verdict(AnalysisHook.Outcome.RUNNING, "measuring", values)
                    : new AnalysisHook.Verdict(end, metric + ": " + n + " measurements, verdict " + end, values);
        };
    }

    private static List<String> actions(ReleaseSnapshot s) {
        return s.events().stream().map(e -> e.action() + " " + e.outcome()
                + (e.details().containsKey("step") ? " " + e.details().get("step") : "")).toList();
    }

    private static int indexOf(List<String> actions, String action) {
        int i = actions.indexOf(action);
        assertTrue(i >= 0, action + " not in " + actions);
        return i;
    }

    @Test
    void aFailedBackgroundAnalysisAbortsACanaryWaitingAtAPause() {
        fx.awaitRolledOut("cart");
        Map<String, JsonNode> before = fx.objects();
        hook = scripted("success-rate", 3, 4, AnalysisHook.Outcome.FAILED);
        ReleasePlan plan = new ReleasePlan(key("cart"),
                ReleaseChange.image("app", "registry.shop.example/cart:9-errors"),
                ReleaseStrategy.canary(), List.of(ReleaseStep.setWeight(0), ReleaseStep.setWeight(25),
                ReleaseStep.pause(), ReleaseStep.setWeight(100))).withBackgroundAnalysis("success-rate");
        ReleaseHandle h = engine().start(plan);
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);

        List<String> actions = actions(done);
        assertTrue(indexOf(actions, "step done set weight 25%") < indexOf(actions, "background-analysis started"),
                "judged only once the canary takes traffic: " + actions);
        assertTrue(indexOf(actions, "background-analysis failed") < indexOf(actions, "abort started"),
                actions.toString());
        assertTrue(!actions.contains("step done pause"), "the pause was never promoted: " + actions);
        List<ReleaseEvent> measured = done.events().stream().filter(e -> e.action().equals("background-analysis")
                && e.outcome().equals("measured")).toList();
        assertEquals(List.of(Map.of("analysis", "success-rate", "success-rate#1", "FAILED [0.91]"),
                Map.of("analysis", "success-rate", "success-rate#2", "FAILED [0.92]")),
                measured.stream().map(ReleaseEvent::details).toList(), "each measurement journaled once");
        ReleaseEvent abort = done.events().stream().filter(e -> e.action().equals("abort")
                && e.outcome().equals("started")).findFirst().orElseThrow();
        assertTrue(abort.details().get("reason").startsWith("background analysis 'success-rate' failed"),
                abort.details().toString());
        assertEquals("pause", abort.details().get("atStep"));
    }

    @Test
    void anInconclusiveBackgroundAnalysisPausesUntilAnOperatorResumes() {
        fx.awaitRolledOut("catalog");
        hook = r -> r.approved()
                ? new AnalysisHook.Verdict(AnalysisHook.Outcome.PASSED, "inconclusive, approved", Map.of())
                : new AnalysisHook.Verdict(AnalysisHook.Outcome.INCONCLUSIVE, "no data from Prometheus",
                Map.of("success-rate#1", "INCONCLUSIVE [] no data"));
        ReleasePlan plan = new ReleasePlan(key("catalog"),
                ReleaseChange.image("app", "registry.shop.example/catalog:5.1"), ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.setWeight(100))).withBackgroundAnalysis("success-rate");
        ReleaseHandle h = engine().start(plan);
        ReleaseSnapshot paused = ReleaseFixture.await(h, s -> s.phase() == ReleasePhase.PAUSED
                && s.message().contains("inconclusive"), Duration.ofSeconds(60));
        assertTrue(paused.message().contains("no data from Prometheus"), paused.message());
        h.resume();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        List<String> actions = actions(done);
        assertTrue(indexOf(actions, "background-analysis inconclusive")
                < indexOf(actions, "background-analysis approved")
                && indexOf(actions, "background-analysis approved") < indexOf(actions, "background-analysis passed"),
                actions.toString());
        assertEquals("registry.shop.example/catalog:5.1", fx.awaitRolledOut("catalog").getSpec().getTemplate()
                .getSpec().getContainers().getFirst().getImage());
    }

    @Test
    void aFailedPostPromotionAnalysisSwitchesBlueGreenBack() {
        fx.awaitRolledOut("payments");
        Map<String, JsonNode> before = fx.objects();
        hook = scripted("smoke", 2, 3, AnalysisHook.Outcome.FAILED);
        REQUESTS.clear();
        ReleasePlan plan = new ReleasePlan(key("payments"),
                ReleaseChange.image("app", "registry.shop.example/payments:1.8-errors"),
                ReleaseStrategy.blueGreen("", "", Duration.ofSeconds(60)), List.of())
                .withPostPromotionAnalysis("smoke");
        ReleaseHandle h = engine().start(plan);
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.ABORTED);
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);
        List<String> actions = actions(done);
        assertTrue(indexOf(actions, "switch ok") < indexOf(actions, "post-promotion-analysis failed")
                && indexOf(actions, "post-promotion-analysis failed") < indexOf(actions, "abort started")
                && indexOf(actions, "abort started") < indexOf(actions, "switch back ok"), actions.toString());
        String switchedAt = done.events().stream().filter(e -> e.action().equals("switch")).findFirst()
                .map(e -> e.time()).orElseThrow().toString();
        assertTrue(REQUESTS.stream().allMatch(r -> r.analysis().equals("smoke")), "only the post-promotion one");
        Instant since = REQUESTS.getFirst().startedAt();
        assertTrue(!since.isBefore(Instant.parse(switchedAt).minusSeconds(1)), since + " vs switch " + switchedAt);
    }

    @Test
    void aPostPromotionAnalysisHoldsTheOldVersionUntilItPasses() {
        fx.awaitRolledOut("search");
        hook = scripted("smoke", 3, 3, AnalysisHook.Outcome.PASSED);
        ReleasePlan plan = new ReleasePlan(key("search"),
                ReleaseChange.image("app", "registry.shop.example/search:3.3"),
                ReleaseStrategy.blueGreen("", "", Duration.ZERO), List.of()).withPostPromotionAnalysis("smoke");
        ReleaseHandle h = engine().start(plan);
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        List<String> actions = actions(done);
        assertTrue(indexOf(actions, "post-promotion-analysis passed")
                < indexOf(actions, "step done keep old version scaled, analysis smoke"), actions.toString());
        assertEquals(2, actions.stream().filter(a -> a.equals("post-promotion-analysis measured")).count(),
                actions.toString());
    }

    @Test
    void aPostPromotionAnalysisBelongsToBlueGreen() {
        ReleasePlan canary = new ReleasePlan(key("cart"), ReleaseChange.image("app", "cart:2"),
                ReleaseStrategy.canary(), List.of());
        assertThrows(IllegalArgumentException.class, () -> canary.withPostPromotionAnalysis("smoke"));
    }
}
