package io.flightdeck.ui.release;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline's view model without a toolkit: markers on the axis, differences, roll back after confirmation. */
class ReleaseTimelineViewModelTest {

    private static final WorkloadKey CART = new WorkloadKey("shop", "cart");
    private static final RevisionDetail R1 = new RevisionDetail(1, Instant.parse("2026-11-27T10:00:00Z"),
            Map.of("image app", "cart:2.1", "env app LOG_LEVEL", "info", "resources app limits.cpu", "500m"));
    private static final RevisionDetail R2 = new RevisionDetail(2, Instant.parse("2026-11-27T12:00:00Z"),
            Map.of("image app", "cart:2.2", "env app LOG_LEVEL", "debug", "env app FEATURE", "on",
                    "resources app limits.cpu", "500m"));

    private final List<String> rolledBack = new ArrayList<>();
    private boolean answer = true;

    private static final ReleaseEvent ABORT = new ReleaseEvent(Instant.parse("2026-11-27T11:00:00Z"),
            new Actor("u", "o", "h"), "abort", "started", Map.of("reason", "analysis 'success-rate' failed"));
    private static final ReleaseEvent GATE = new ReleaseEvent(Instant.parse("2026-11-27T10:30:00Z"),
            new Actor("u", "o", "h"), "analysis", "failed", Map.of("analysis", "success-rate",
            "message", "success-rate: 2 of 3 measurements failed", "success-rate#1", "FAILED [0.93]"));
    private static final ReleaseSnapshot RELEASE = new ReleaseSnapshot("r1", new ReleasePlan(CART,
            ReleaseChange.image("app", "cart:2.2-errors"), ReleaseStrategy.canary(), List.of()), ReleasePhase.ABORTED,
            true, 0, List.of(), "", "", false, "", List.of(), 0, List.of(GATE, ABORT));

    private ReleaseTimelineViewModel model() {
        RevisionSource source = new RevisionSource() {
            @Override
            public List<RevisionDetail> revisions(WorkloadKey target) {
                return List.of(R1, R2);
            }

            @Override
            public List<ReleaseSnapshot> releases(WorkloadKey target) {
                return List.of(RELEASE);
            }
        };
        ReleaseTimelineViewModel vm = new ReleaseTimelineViewModel(CART, source, (t, r) -> {
            rolledBack.add(t + "@" + r);
            return "ROLLED_BACK";
        }, (a, d) -> answer, Runnable::run, Runnable::run);
        vm.reload();
        return vm;
    }

    @Test
    void markersArePlacedOnTheAxisByTime() {
        ReleaseTimelineViewModel vm = model();
        assertEquals(List.of(0.0, 0.25, 0.5, 1.0), vm.markers().stream()
                .map(ReleaseTimelineViewModel.Marker::position).toList());
        assertEquals(List.of("revision 1", "analysis failed: success-rate", "abort started", "revision 2"),
                vm.markers().stream().map(ReleaseTimelineViewModel.Marker::label).toList());
        assertEquals(List.of("gate-failed", "abort"), vm.events().stream().map(ReleaseTimelineViewModel.Marker::kind)
                .toList());
        assertEquals(1, vm.bands().size());
        assertEquals(0.25, vm.bands().getFirst().from());
        assertEquals(0.5, vm.bands().getFirst().to());
    }

    @Test
    void selectingAGateEventShowsWhoWhenAndTheMeasuredValues() {
        ReleaseTimelineViewModel vm = model();
        vm.selectedEventProperty().set(vm.events().getFirst());
        List<String> lines = vm.eventDetails();
        assertEquals("Release: r1 (canary, aborted)", lines.get(0));
        assertTrue(lines.contains("Actor: u (o@h)"), lines.toString());
        assertTrue(lines.contains("Action: analysis"), lines.toString());
        assertTrue(lines.contains("Outcome: failed"), lines.toString());
        assertTrue(lines.contains("Why: success-rate: 2 of 3 measurements failed"), lines.toString());
        assertTrue(lines.contains("success-rate#1: FAILED [0.93]"), lines.toString());
        vm.reload();
        assertEquals(GATE, vm.selectedEventProperty().get().event(), "the selection survives a reload");
    }

    @Test
    void selectingAnOlderRevisionShowsWhatDiffersAndOffersARollBack() {
        ReleaseTimelineViewModel vm = model();
        vm.selectedProperty().set(R1);
        assertEquals(List.of("+ env app FEATURE = on", "~ env app LOG_LEVEL: info -> debug",
                "~ image app: cart:2.1 -> cart:2.2"), vm.differences());
        assertTrue(vm.canRollBackProperty().get());
        vm.selectedProperty().set(R2);
        assertFalse(vm.canRollBackProperty().get(), "the current revision");
    }

    @Test
    void rollBackAsksFirst() {
        ReleaseTimelineViewModel vm = model();
        vm.selectedProperty().set(R1);
        answer = false;
        assertFalse(vm.rollBackToSelected());
        assertEquals(List.of(), rolledBack);
        answer = true;
        assertTrue(vm.rollBackToSelected());
        assertEquals(List.of(CART + "@1"), rolledBack);
        assertTrue(vm.statusProperty().get().contains("ROLLED_BACK"), vm.statusProperty().get());
    }
}
