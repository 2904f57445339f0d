package io.flightdeck.ui.release;

import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The panel's view model without a toolkit: snapshots in, properties and commands out. */
class ReleasePanelViewModelTest {

    @Test
    void aPausedReleaseOffersPromoteResumeAbortAndShowsStepsAndPods() {
        FakeHandle h = new FakeHandle(FakeHandle.snapshot(ReleasePhase.PAUSED, 1, true, "me"));
        ReleasePanelViewModel vm = new ReleasePanelViewModel(h, (a, d) -> true);
        vm.apply(h.snapshot());
        assertEquals("paused, step 2 of 3", vm.phaseProperty().get());
        assertEquals("canary weight 25%", vm.weightProperty().get());
        assertEquals(List.of(ReleaseSnapshot.StepState.DONE, ReleaseSnapshot.StepState.CURRENT,
                ReleaseSnapshot.StepState.WAITING), vm.steps().stream().map(ReleaseSnapshot.StepView::state).toList());
        assertEquals(2, vm.versions().size());
        assertTrue(vm.versions().get(1).contains("canary") && vm.versions().get(1).contains("1/1"));
        assertTrue(vm.canPromoteProperty().get());
        assertTrue(vm.canResumeProperty().get());
        assertFalse(vm.canPauseProperty().get());
        assertTrue(vm.canAbortProperty().get());
        assertEquals("", vm.drivenByProperty().get());
        vm.promoteStep();
        vm.pause();
        vm.resume();
        assertEquals(List.of("promote", "resume"), h.commands);
    }

    @Test
    void abortAndPromoteFullAskFirstAndDoNothingWhenDeclined() {
        FakeHandle h = new FakeHandle(FakeHandle.snapshot(ReleasePhase.PROGRESSING, 0, true, "me"));
        List<String> asked = new ArrayList<>();
        boolean[] answer = {false};
        ReleasePanelViewModel vm = new ReleasePanelViewModel(h, (a, d) -> {
            asked.add(a);
            return answer[0];
        });
        vm.apply(h.snapshot());
        assertFalse(vm.abort());
        assertFalse(vm.promoteFull());
        assertEquals(List.of(), h.commands);
        answer[0] = true;
        assertTrue(vm.promoteFull());
        assertTrue(vm.abort());
        assertEquals(List.of("Abort", "Promote full", "Promote full", "Abort"), asked);
        assertEquals(List.of("promoteFull", "abort"), h.commands);
    }

    @Test
    void aReadOnlyViewSaysWhoDrivesAndOffersNothing() {
        FakeHandle h = new FakeHandle(FakeHandle.snapshot(ReleasePhase.PAUSED, 1, false, "alice/alice@laptop/x1"));
        h.driving = false;
        ReleasePanelViewModel vm = new ReleasePanelViewModel(h, (a, d) -> true);
        vm.apply(h.snapshot());
        assertEquals("read-only: driven by alice/alice@laptop/x1", vm.drivenByProperty().get());
        assertFalse(vm.canPromoteProperty().get() || vm.canPauseProperty().get() || vm.canResumeProperty().get()
                || vm.canAbortProperty().get() || vm.canPromoteFullProperty().get());
        vm.promoteStep();
        vm.abort();
        assertEquals(List.of(), h.commands);
    }

    @Test
    void aFinishedReleaseOffersNothing() {
        FakeHandle h = new FakeHandle(FakeHandle.snapshot(ReleasePhase.ABORTED, 3, true, ""));
        ReleasePanelViewModel vm = new ReleasePanelViewModel(h, (a, d) -> true);
        vm.apply(h.snapshot());
        assertEquals("aborted", vm.phaseProperty().get());
        assertFalse(vm.canAbortProperty().get() || vm.canPromoteProperty().get());
    }
}
