package io.flightdeck.report;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canary of shop/checkout as its journal reads after a failed success-rate gate and the abort: events written in
 * the formats the engine and SignalsAnalysisHook use, with hostile text in the image and the actor's host.
 */
final class ReportSamples {

    static final Instant T0 = Instant.parse("2026-11-27T14:00:00Z");
    static final Actor ALICE = new Actor("alice@corp", "alice", "ws-<b>7</b>");
    static final String IMAGE = "registry.shop.example/checkout:2.1-errors<script>alert(1)</script>";

    private ReportSamples() {
    }

    static ReleaseSnapshot abortedCanary() {
        ReleasePlan plan = new ReleasePlan(new WorkloadKey("shop", "checkout"), ReleaseChange.image("app", IMAGE),
                ReleaseStrategy.canary(), List.of(ReleaseStep.setWeight(10), ReleaseStep.analysis("success-rate"),
                ReleaseStep.setWeight(50), ReleaseStep.pause()));
        List<ReleaseEvent> events = new ArrayList<>();
        events.add(new ReleaseEvent(T0, ALICE, "start", "ok", Map.of("target", "shop/checkout",
                "strategy", "CANARY")));
        events.add(new ReleaseEvent(T0.plusSeconds(2), ALICE, "create", "ok", Map.of("deployment",
                "checkout-canary")));
        events.add(new ReleaseEvent(T0.plusSeconds(3), ALICE, "weight", "ok", Map.of("weight", "10")));
        events.add(new ReleaseEvent(T0.plusSeconds(20), ALICE, "step", "done", Map.of("step", "setWeight 10",
                "index", "0")));
        Map<String, String> gate = new LinkedHashMap<>();
        gate.put("success-rate#1", measured("SUCCESSFUL", "0.995", 30, "meets result >= 0.99"));
        gate.put("success-rate#2", measured("SUCCESSFUL", "0.991", 40, "meets result >= 0.99"));
        gate.put("success-rate#3", measured("FAILED", "0.948", 50, "does not meet result >= 0.99"));
        gate.put("analysis", "success-rate");
        gate.put("message", "metric \"success-rate\" failed: failed (1) > failureLimit (0)");
        events.add(new ReleaseEvent(T0.plusSeconds(51), ALICE, "analysis", "failed", gate));
        events.add(new ReleaseEvent(T0.plusSeconds(51), ALICE, "abort", "started", Map.of("reason",
                "analysis 'success-rate' failed: metric \"success-rate\" failed", "by", "engine",
                "atStep", "analysis success-rate")));
        events.add(new ReleaseEvent(T0.plusSeconds(60), ALICE, "delete", "ok", Map.of("deployment",
                "checkout-canary")));
        events.add(new ReleaseEvent(T0.plusSeconds(70), ALICE, "abort", "completed", Map.of("target",
                "shop/checkout")));
        List<ReleaseSnapshot.StepView> steps = List.of(
                new ReleaseSnapshot.StepView("setWeight 0", ReleaseSnapshot.StepState.DONE),
                new ReleaseSnapshot.StepView("restore stable", ReleaseSnapshot.StepState.DONE),
                new ReleaseSnapshot.StepView("remove canary", ReleaseSnapshot.StepState.DONE));
        return new ReleaseSnapshot("20261127-140000-a1b2", plan, ReleasePhase.ABORTED, true, 3, steps,
                "everything is as before", "", false, "", List.of(), 0, events);
    }

    /** A measurement value as SignalsAnalysisHook writes it: PHASE [values] at TIME: message. */
    private static String measured(String phase, String value, int seconds, String verdict) {
        return phase + " [" + value + "] at " + T0.plusSeconds(seconds) + ": [" + value + "] " + verdict;
    }
}
