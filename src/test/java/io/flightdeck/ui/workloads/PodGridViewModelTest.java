package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.WorkloadSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.flightdeck.ui.workloads.Pods.CHECKOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodGridViewModelTest {

    private final PodGridViewModel model = new PodGridViewModel();

    private static WorkloadSnapshot twoRevisions() {
        return Pods.workload(CHECKOUT, Health.PROGRESSING, 3, List.of(Pods.revision(CHECKOUT, 2, "new", "2.1", 1),
                Pods.revision(CHECKOUT, 1, "old", "2.0", 2)), 1);
    }

    @Test
    void groupsByRevisionNewestFirstInNameOrderAndKeepsStrays() {
        List<PodSnapshot> pods = new ArrayList<>(Pods.pods(CHECKOUT, "old", 2));
        pods.add(Pods.pod(CHECKOUT, "new", "b", true));
        pods.add(Pods.pod(CHECKOUT, "new", "a", false));
        pods.add(Pods.pod(CHECKOUT, "gone", "x", true));
        Collections.reverse(pods);
        assertTrue(model.show(twoRevisions(), pods));
        List<PodGroup> groups = model.groupsProperty().get();
        assertEquals(List.of(2L, 1L, 0L), groups.stream().map(PodGroup::revision).toList());
        assertEquals(List.of("a", "b"), groups.get(0).cells().stream().map(PodCell::shortName).toList());
        assertEquals("Revision 2 · new · 2.1 · 1/2 ready", groups.get(0).title());
        assertEquals("Pods of no known revision · 1/1 ready", groups.get(2).title());
        assertEquals(5, model.podCount());
    }

    @Test
    void theNewestRevisionShowsEvenWithoutPodsButOlderOnesOnlyWithPods() {
        model.show(twoRevisions(), List.of());
        List<PodGroup> groups = model.groupsProperty().get();
        assertEquals(1, groups.size());
        assertEquals("Revision 2 · new · 2.1 · no pods", groups.getFirst().title());
    }

    @Test
    void cellsAreReplacedOnlyWhenWhatTheyShowChanged() {
        List<PodSnapshot> pods = Pods.pods(CHECKOUT, "old", 3);
        model.show(twoRevisions(), pods);
        List<PodGroup> first = model.groupsProperty().get();
        assertFalse(model.show(twoRevisions(), List.copyOf(pods)));
        assertSame(first, model.groupsProperty().get());

        List<PodSnapshot> bumped = new ArrayList<>(pods);
        bumped.set(2, Pods.withVersion(pods.get(2), "9"));
        assertFalse(model.show(twoRevisions(), bumped), "a new resourceVersion alone shows nothing new");

        List<PodSnapshot> changed = new ArrayList<>(pods);
        changed.set(0, Pods.withVersion(Pods.notReady(pods.get(0)), "2"));
        assertTrue(model.show(twoRevisions(), changed));
        PodCell cell = model.cell(pods.get(0).name()).orElseThrow();
        assertEquals(ProbeHealth.FAILING, cell.readiness());
        assertSame(first.get(1).cells().get(1), model.groupsProperty().get().get(1).cells().get(1),
                "an unchanged pod keeps its cell");

        List<PodSnapshot> eventOnly = new ArrayList<>(changed);
        eventOnly.set(1, Pods.notReady(pods.get(1)));
        assertEquals(pods.get(1).resourceVersion(), eventOnly.get(1).resourceVersion());
        assertTrue(model.show(twoRevisions(), eventOnly), "a probe failing by an Event, same resourceVersion");
        assertEquals(ProbeHealth.FAILING, model.cell(pods.get(1).name()).orElseThrow().readiness());
    }

    @Test
    void toneFollowsPhaseStatusAndReadiness() {
        PodSnapshot running = Pods.pod(CHECKOUT, "h", "a", true);
        assertEquals(PodTone.READY, PodTone.of(running));
        assertEquals(PodTone.NOT_READY, PodTone.of(Pods.notReady(running)));
        assertEquals(PodTone.FAILING, PodTone.of(with(running, "Running", "CrashLoopBackOff", false)));
        assertEquals(PodTone.PENDING, PodTone.of(with(running, "Pending", "ContainerCreating", false)));
        assertEquals(PodTone.FAILING, PodTone.of(with(running, "Failed", "Error", false)));
        assertEquals(PodTone.FINISHED, PodTone.of(with(running, "Succeeded", "Completed", false)));
        assertEquals("a", PodCell.shortName("checkout-h-a"));
        assertEquals("plain", PodCell.shortName("plain"));
    }

    private static PodSnapshot with(PodSnapshot p, String phase, String status, boolean ready) {
        return new PodSnapshot(p.namespace(), p.name(), p.uid(), p.podTemplateHash(), phase, status, ready,
                p.restarts(), p.node(), p.podIp(), p.created(), p.terminating(), p.probes(),
                p.lastTerminationReason(), p.image(), p.resourceVersion());
    }
}
