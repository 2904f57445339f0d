package io.flightdeck.release;

import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseSnapshot.StepState;
import io.flightdeck.model.ReleaseSnapshot.StepView;
import io.flightdeck.model.ReleaseSnapshot.VersionPods;
import io.flightdeck.model.StrategyKind;

import java.util.ArrayList;
import java.util.List;

/** Builds a release's snapshot from its journal record. Stateless. */
final class Snapshots {

    private Snapshots() {
    }

    static ReleaseSnapshot of(JournalRecord r, List<Step> steps, boolean driving, String holder, String message,
                              List<VersionPods> versions) {
        JournalState s = r.state();
        List<StepView> views = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepState st;
            if (i < s.step() || s.phase().terminal()) {
                st = StepState.DONE;
            } else if (i == s.step()) {
                st = s.error().isEmpty() ? StepState.CURRENT : StepState.FAILED;
            } else {
                st = StepState.WAITING;
            }
            views.add(new StepView(steps.get(i).name(), st));
        }
        return new ReleaseSnapshot(r.id(), r.plan(), s.phase(), s.aborting(), s.step(), views, message, s.error(),
                driving, holder, versions, weight(r), r.events());
    }

    private static int weight(JournalRecord r) {
        StrategyKind kind = r.plan().strategy().kind();
        if (kind == StrategyKind.CANARY) {
            if (r.state().phase() == io.flightdeck.model.ReleasePhase.SUCCEEDED) {
                return 100;
            }
            String w = r.state().vars().get("weight");
            return w == null || r.state().aborting() ? 0 : Integer.parseInt(w);
        }
        if (kind == StrategyKind.BLUE_GREEN) {
            boolean switched = r.state().vars().containsKey(BlueGreenStrategy.SWITCHED_AT) && !r.state().aborting();
            return switched || r.state().phase() == io.flightdeck.model.ReleasePhase.SUCCEEDED ? 100 : 0;
        }
        return -1;
    }
}
