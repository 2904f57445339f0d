package io.flightdeck.ui.wall;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.Health;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the wall shows: banners for aborts and failed gates, cycling, stale data with its age, idle service health. */
class WallPagesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T14:00:00Z");
    private static final Actor BOB = new Actor("bob@corp", "bob", "ws-2");
    private static final ConnectionStatus CONNECTED = new ConnectionStatus(ConnectionStatus.State.CONNECTED,
            "sandbox", "", T0);
    private final WallPages pages = new WallPages(ZoneOffset.UTC);

    @Test
    void anAbortAfterAFailedGateIsABannerWithWhatWhenAndWho() {
        List<ReleaseEvent> events = new ArrayList<>(start("checkout"));
        events.add(new ReleaseEvent(T0.plusSeconds(40), BOB, "analysis", "failed", Map.of("analysis",
                "success-rate", "message", "metric \"success-rate\" failed", "success-rate#1",
                "FAILED [0.951] at " + T0.plusSeconds(39) + ": [0.951] does not meet result >= 0.99")));
        events.add(new ReleaseEvent(T0.plusSeconds(40), BOB, "abort", "started", Map.of("reason",
                "analysis 'success-rate' failed", "by", "engine", "atStep", "analysis success-rate")));
        WallFeed.Tracked aborting = tracked(snapshot("r2", "checkout", ReleasePhase.ABORTING, true, events));
        WallFeed.Tracked calm = tracked(snapshot("r1", "cart", ReleasePhase.PAUSED, false, start("cart")));
        WallPage page = pages.page("wall", new WallFeed.State(List.of(calm, aborting), T0.plusSeconds(45), ""),
                List.of(), CONNECTED, T0.plusSeconds(45));
        WallPage.Banner b = page.banner().orElseThrow();
        assertEquals("ABORTING · ROLLING BACK  shop/checkout", b.headline());
        assertEquals("analysis 'success-rate' failed (at step analysis success-rate)", b.what());
        assertEquals("at 14:00:40 (5 s ago)", b.when());
        assertEquals("by the engine driven by bob@corp (bob@ws-2), after the gate failed", b.who());
        assertEquals("shop/checkout", page.release().orElseThrow().target(), "the alarmed release stays on screen");
        WallPage.Gate gate = page.release().orElseThrow().gates().getFirst();
        assertEquals("FAILED", gate.state());
        assertEquals("success-rate 0.951 (pass: >= 0.99)", gate.detail());
        assertFalse(page.stale());
    }

    @Test
    void releasesTakeTurnsEveryTenSeconds() {
        WallFeed.State feed = new WallFeed.State(List.of(
                tracked(snapshot("r1", "cart", ReleasePhase.PAUSED, false, start("cart"))),
                tracked(snapshot("r2", "search", ReleasePhase.PROGRESSING, false, start("search")))), T0, "");
        WallPage first = pages.page("wall", feed, List.of(), CONNECTED, T0);
        WallPage second = pages.page("wall", feed, List.of(), CONNECTED, T0.plus(WallPages.CYCLE));
        assertEquals("shop/cart", first.release().orElseThrow().target());
        assertEquals("shop/search", second.release().orElseThrow().target());
        assertEquals("release 1 of 2 · next in 10 s", first.pager());
        assertTrue(first.banner().isEmpty());
    }

    @Test
    void dataFromALostConnectionIsMarkedStaleWithItsAge() {
        ConnectionStatus lost = new ConnectionStatus(ConnectionStatus.State.RECONNECTING, "prod",
                "connection refused", T0.plusSeconds(2));
        WallPage page = pages.page("wall", new WallFeed.State(List.of(), T0, "connect timed out"), List.of(), lost,
                T0.plusSeconds(34));
        assertTrue(page.stale());
        assertEquals("STALE · data 34 s old · reconnecting since 14:00:02: connection refused", page.status());
    }

    @Test
    void withNothingInFlightTheServicesShowTheirHealthUnhealthyFirst() {
        List<WorkloadSnapshot> workloads = List.of(workload("cart", Health.HEALTHY, 4),
                workload("payments", Health.DEGRADED, 1), workload("search", Health.HEALTHY, 3));
        WallPage page = pages.page("wall", new WallFeed.State(List.of(), T0, ""), workloads, CONNECTED, T0);
        assertTrue(page.release().isEmpty());
        assertEquals(List.of("payments", "cart", "search"), page.services().stream().map(WallPage.ServiceTile::name)
                .toList());
        assertEquals("No release in flight · 2 of 3 services healthy", page.servicesNote());
        assertEquals("1/3 ready", page.services().getFirst().replicas());
    }

    @Test
    void signalsPerVersionAreShownAndABadSuccessRateIsRed() {
        ReleaseSnapshot s = snapshot("r1", "checkout", ReleasePhase.PAUSED, false, start("checkout"));
        WallFeed.Tracked t = new WallFeed.Tracked(s, List.of(new VersionSignal("stable", "checkout", 41.5, 0.999,
                0.120), new VersionSignal("canary", "checkout-canary", 4.2, 0.95, Double.NaN)), "", null);
        List<WallPage.VersionRow> rows = pages.card(t).versions();
        assertEquals("41.5", rows.get(0).rate());
        assertEquals("99.9 %", rows.get(0).success());
        assertEquals("120 ms", rows.get(0).p99());
        assertEquals("95.00 %", rows.get(1).success());
        assertEquals(WallPage.Tone.BAD, rows.get(1).tone());
        assertEquals("–", rows.get(1).p99());
    }

    @Test
    void aReadOnlyViewSaysOnceWhoDrivesAndAMeasuringGateIsBusy() {
        ReleaseSnapshot s = snapshot("r1", "checkout", ReleasePhase.PROGRESSING, false, start("checkout"));
        ReleaseSnapshot observed = new ReleaseSnapshot(s.id(), s.plan(), s.phase(), false, 1, s.steps(),
                "driven by alice/alice@ws-1/abc", "", false, "alice/alice@ws-1/abc", s.versions(), 25, s.events());
        WallPage.ReleaseCard card = pages.card(tracked(observed));
        assertEquals("step 2 of 2 · driven by alice/alice@ws-1/abc", card.detail());
        assertEquals("measuring", card.gates().getFirst().state());
        assertEquals(WallPage.Tone.BUSY, card.gates().getFirst().tone());
    }

    @Test
    void aTemplateUsedAtTwoStepsIsTwoGates() {
        List<ReleaseEvent> events = new ArrayList<>(start("checkout"));
        events.add(new ReleaseEvent(T0.plusSeconds(40), BOB, "analysis", "passed", Map.of("analysis",
                "success-rate", "success-rate#1", "SUCCESSFUL [0.999] at " + T0.plusSeconds(39)
                        + ": [0.999] meets result >= 0.99")));
        ReleaseSnapshot base = snapshot("r1", "checkout", ReleasePhase.PROGRESSING, false, events);
        ReleasePlan twice = new ReleasePlan(base.plan().target(), base.plan().change(), base.plan().strategy(),
                List.of(ReleaseStep.setWeight(25), ReleaseStep.analysis("success-rate"), ReleaseStep.setWeight(50),
                        ReleaseStep.analysis("success-rate")));
        ReleaseSnapshot s = new ReleaseSnapshot("r1", twice, ReleasePhase.PROGRESSING, false, 3, List.of(
                new ReleaseSnapshot.StepView("set weight 25%", ReleaseSnapshot.StepState.DONE),
                new ReleaseSnapshot.StepView("analysis success-rate", ReleaseSnapshot.StepState.DONE),
                new ReleaseSnapshot.StepView("set weight 50%", ReleaseSnapshot.StepState.DONE),
                new ReleaseSnapshot.StepView("analysis success-rate", ReleaseSnapshot.StepState.CURRENT)),
                "", "", false, "", base.versions(), 50, events);
        List<WallPage.Gate> gates = pages.card(tracked(s)).gates();
        assertEquals(List.of("success-rate (1) passed", "success-rate (2) measuring"), gates.stream()
                .map(g -> g.name() + " " + g.state()).toList());
    }

    @Test
    void measurementsJournaledWhileAGateMeasuresShowOnItWithoutJudgingIt() {
        List<ReleaseEvent> events = new ArrayList<>(start("checkout"));
        events.add(new ReleaseEvent(T0.plusSeconds(30), BOB, "analysis", "measured", Map.of("analysis",
                "success-rate", "success-rate#1", "SUCCESSFUL [0.997] at " + T0.plusSeconds(29)
                        + ": [0.997] meets result >= 0.99")));
        events.add(new ReleaseEvent(T0.plusSeconds(31), BOB, "background-analysis", "failed", Map.of("analysis",
                "restarts", "message", "restarts failed")));
        WallPage.ReleaseCard card = pages.card(tracked(snapshot("r1", "checkout", ReleasePhase.PROGRESSING, false,
                events)));
        assertEquals("measuring", card.gates().get(0).state());
        assertEquals("success-rate 0.997 (pass: >= 0.99)", card.gates().get(0).detail());
        assertEquals("background restarts FAILED", card.gates().get(1).name() + " " + card.gates().get(1).state());
    }

    private static List<ReleaseEvent> start(String app) {
        return List.of(new ReleaseEvent(T0, BOB, "start", "ok", Map.of("target", "shop/" + app)),
                new ReleaseEvent(T0.plusSeconds(3), BOB, "weight", "ok", Map.of("weight", "25")));
    }

    private static ReleaseSnapshot snapshot(String id, String app, ReleasePhase phase, boolean aborting,
                                            List<ReleaseEvent> events) {
        ReleasePlan plan = new ReleasePlan(new WorkloadKey("shop", app), ReleaseChange.image("app",
                "registry.shop.example/" + app + ":2.1"), ReleaseStrategy.canary(), List.of(
                ReleaseStep.setWeight(25), ReleaseStep.analysis("success-rate"), ReleaseStep.setWeight(100)));
        return new ReleaseSnapshot(id, plan, phase, aborting, 1, List.of(
                new ReleaseSnapshot.StepView("set weight 25%", ReleaseSnapshot.StepState.DONE),
                new ReleaseSnapshot.StepView("analysis success-rate", ReleaseSnapshot.StepState.CURRENT)),
                "", "", false, "", List.of(
                new ReleaseSnapshot.VersionPods(app, "stable", "registry.shop.example/" + app + ":2.0", 3, 3, 3),
                new ReleaseSnapshot.VersionPods(app + "-canary", "canary", "registry.shop.example/" + app + ":2.1",
                        1, 1, 1)), 25, events);
    }

    private static WallFeed.Tracked tracked(ReleaseSnapshot s) {
        return new WallFeed.Tracked(s, List.of(), "", null);
    }

    private static WorkloadSnapshot workload(String name, Health health, int ready) {
        return new WorkloadSnapshot(new WorkloadKey("shop", name), health, 3, 3, ready, ready, "img:2.0", "2.0",
                false, List.of(), "", 1);
    }
}
