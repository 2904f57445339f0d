package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.ReleaseListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handle that records commands and hands out the snapshot a test sets. */
final class FakeHandle implements ReleaseHandle {

    static final ReleasePlan PLAN = new ReleasePlan(new WorkloadKey("shop", "cart"),
            ReleaseChange.image("app", "registry.shop.example/cart:2.3"), ReleaseStrategy.canary(),
            ReleasePlan.weightedSteps(List.of(10, 100), null));

    final List<String> commands = new ArrayList<>();
    final List<ReleaseListener> listeners = new CopyOnWriteArrayList<>();
    volatile ReleaseSnapshot snapshot;
    boolean driving = true;

    FakeHandle(ReleaseSnapshot first) {
        snapshot = first;
    }

    static ReleaseSnapshot snapshot(ReleasePhase phase, int step, boolean driving, String holder) {
        List<ReleaseSnapshot.StepView> steps = new ArrayList<>();
        String[] names = {"setWeight 10", "pause", "setWeight 100"};
        for (int i = 0; i < names.length; i++) {
            steps.add(new ReleaseSnapshot.StepView(names[i], i < step ? ReleaseSnapshot.StepState.DONE
                    : i == step ? ReleaseSnapshot.StepState.CURRENT : ReleaseSnapshot.StepState.WAITING));
        }
        return new ReleaseSnapshot("r1", PLAN, phase, false, step, steps, "waiting for promotion", "", driving, holder,
                List.of(new ReleaseSnapshot.VersionPods("cart", "stable", "registry.shop.example/cart:2.2", 3, 3, 3),
                        new ReleaseSnapshot.VersionPods("cart-canary", "canary", "registry.shop.example/cart:2.3", 1,
                                1, 1)), 25, List.of());
    }

    void publish(ReleaseSnapshot s) {
        snapshot = s;
        listeners.forEach(l -> l.changed(s));
    }

    @Override public String id() { return "r1"; }
    @Override public ReleaseSnapshot snapshot() { return snapshot; }
    @Override public boolean driving() { return driving; }
    @Override public void addListener(ReleaseListener l) { listeners.add(l); }
    @Override public void removeListener(ReleaseListener l) { listeners.remove(l); }
    @Override public void promote() { commands.add("promote"); }
    @Override public void promoteFull() { commands.add("promoteFull"); }
    @Override public void pause() { commands.add("pause"); }
    @Override public void resume() { commands.add("resume"); }
    @Override public void abort() { commands.add("abort"); }
    @Override public CompletableFuture<ReleaseSnapshot> finished() { return new CompletableFuture<>(); }
    @Override public void close() { commands.add("close"); }
}
