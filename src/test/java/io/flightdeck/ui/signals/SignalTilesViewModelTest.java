package io.flightdeck.ui.signals;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.signals.TrafficReading;
import io.flightdeck.signals.TrafficSignals;
import io.flightdeck.signals.VersionTraffic;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the tiles say for readings with and without data, and the gates of a release in flight. */
class SignalTilesViewModelTest {

    private static final WorkloadKey CHECKOUT = new WorkloadKey("shop", "checkout");

    @Test
    void noDataReadsNoDataNeverANumber() {
        SignalTilesViewModel m = new SignalTilesViewModel();
        m.select(CHECKOUT);
        m.apply(new TrafficReading(Instant.now(), List.of(
                new VersionTraffic("stable", "checkout", 12.5, 0.999, 0.120),
                new VersionTraffic("canary", "checkout-canary", 1.5, Double.NaN, Double.NaN)), ""),
                Optional.empty(), List.of());
        SignalTile success = tile(m, SignalTilesViewModel.SUCCESS);
        assertEquals("99.90 %", success.row("stable").text());
        assertEquals(SignalTilesViewModel.NO_DATA, success.row("canary").text());
        assertTrue(success.row("canary").noData());
        assertEquals("120 ms", tile(m, SignalTilesViewModel.P99).row("stable").text());
        assertEquals("1.5 req/s", tile(m, SignalTilesViewModel.REQUESTS).row("canary").text());
        assertEquals(SignalTilesViewModel.NO_DATA, tile(m, SignalTilesViewModel.WEIGHT).row("stable").text(),
                "no release: no weight is made up");
        assertEquals("", m.problemProperty().get());

        m.apply(TrafficSignals.unconfigured().read("shop", "checkout"), Optional.empty(), List.of());
        assertEquals(TrafficSignals.NOT_CONFIGURED, m.problemProperty().get());
        assertEquals(SignalTilesViewModel.NO_DATA, tile(m, SignalTilesViewModel.REQUESTS).row("stable").text());
    }

    @Test
    void sparklinesAreBounded() {
        SignalTilesViewModel m = new SignalTilesViewModel();
        m.select(CHECKOUT);
        for (int i = 0; i < Sparks.POINTS + 25; i++) {
            m.apply(new TrafficReading(Instant.now(), List.of(new VersionTraffic("stable", "checkout", i, 1, 0.1)),
                    ""), Optional.empty(), List.of());
        }
        List<Double> series = tile(m, SignalTilesViewModel.REQUESTS).row("stable").series();
        assertEquals(Sparks.POINTS, series.size());
        assertEquals(Sparks.POINTS + 24, series.get(series.size() - 1));
    }

    @Test
    void oneGateTilePerAnalysisStepWithItsLastMeasurements() {
        ReleasePlan plan = new ReleasePlan(CHECKOUT, ReleaseChange.image("app", "checkout:2.1-errors"),
                ReleaseStrategy.canary(), List.of(ReleaseStep.setWeight(20), ReleaseStep.analysis("success-rate"),
                ReleaseStep.analysis("latency-p99")));
        ReleaseEvent failed = new ReleaseEvent(Instant.now(), new Actor("u", "u", "h"), "analysis", "failed",
                Map.of("analysis", "success-rate", "message", "success-rate failed",
                        "success-rate#1", "SUCCESSFUL [0.995] at 2026-11-27T23:00:00Z: result >= 0.99",
                        "success-rate#2", "FAILED [0.93] at 2026-11-27T23:00:05Z: result >= 0.99"));
        ReleaseSnapshot s = new ReleaseSnapshot("r1", plan, ReleasePhase.ABORTED, true, 1,
                List.of(new ReleaseSnapshot.StepView("setWeight 20", ReleaseSnapshot.StepState.DONE),
                        new ReleaseSnapshot.StepView("analysis success-rate", ReleaseSnapshot.StepState.FAILED),
                        new ReleaseSnapshot.StepView("analysis latency-p99", ReleaseSnapshot.StepState.WAITING)),
                "", "", true, "me", List.of(new ReleaseSnapshot.VersionPods("checkout-canary", "canary",
                "checkout:2.1-errors", 1, 1, 1)), 20, List.of(failed));
        SignalTilesViewModel m = new SignalTilesViewModel();
        m.select(CHECKOUT);
        m.apply(null, Optional.of(s), List.of());
        List<GateTile> gates = m.gatesProperty().get();
        assertEquals(List.of("success-rate", "latency-p99"), gates.stream().map(GateTile::analysis).toList());
        assertEquals(GateTile.Tone.DANGER, gates.get(0).tone());
        assertEquals(List.of("success-rate#1: SUCCESSFUL [0.995]: result >= 0.99",
                "success-rate#2: FAILED [0.93]: result >= 0.99"), gates.get(0).measurements());
        assertEquals(List.of(), gates.get(1).measurements());
        assertEquals("20 %", tile(m, SignalTilesViewModel.WEIGHT).row("canary").text());
        assertEquals("1 / 1", tile(m, SignalTilesViewModel.READY).row("canary").text());
        assertEquals(SignalTilesViewModel.NO_DATA, tile(m, SignalTilesViewModel.REQUESTS).row("canary").text(),
                "before the first reading");
    }

    private static SignalTile tile(SignalTilesViewModel m, String id) {
        return m.tilesProperty().get().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }
}
