package io.flightdeck.ui.workloads;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.FxThread;
import io.flightdeck.ui.fx.Theme;
import javafx.scene.Parent;

import java.time.Clock;
import java.util.Objects;

/**
 * The entry point of the live workloads screen for app/: give it the cluster state, the context chooser and the
 * application's batcher, and put {@link #root()} in the window. Each batcher tick it reads the state if its version
 * moved; a context or namespace switch made in its bar comes back through the chooser and is attached by itself.
 * {@link #attach} is for a state that app/ replaces on its own (for example after a reconnect). Built, used and closed
 * on the FX thread.
 */
public final class WorkloadsScreen implements AutoCloseable {

    private final WorkloadsViewModel model;
    private final WorkloadsView view;
    private final Parent root;
    private final FxBatcher.Registration ticking;
    private io.flightdeck.ui.signals.SignalsPanel signals;
    private boolean closed;

    public WorkloadsScreen(ClusterState state, ContextChooser chooser, FxBatcher batcher) {
        this(state, chooser, batcher, Clock.systemDefaultZone());
    }

    public WorkloadsScreen(ClusterState state, ContextChooser chooser, FxBatcher batcher, Clock clock) {
        FxThread.check();
        model = new WorkloadsViewModel(state, chooser, clock);
        view = new WorkloadsView(model);
        root = view.build();
        Theme.follow(root);
        model.tick();
        ticking = batcher.poll(model::tick);
    }

    /** Offers "Release…" for the selected Deployment; the action opens the release wizard. FX thread. */
    public void onRelease(java.util.function.Consumer<io.flightdeck.model.WorkloadKey> action) {
        view.setReleaseAction(action);
    }

    /** Offers "Timeline" (and Ctrl+T) for the selected Deployment; the action opens its timeline. FX thread. */
    public void onTimeline(java.util.function.Consumer<io.flightdeck.model.WorkloadKey> action) {
        view.setTimelineAction(action);
    }

    /** Offers a "Wall mode" button in the top bar; the action opens the read-only wall. FX thread. */
    public void onWall(Runnable action) {
        model.contextBar().setWallAction(action);
    }

    /**
     * Shows a panel of the selected Deployment's signals in a "Signals" tab; it follows the selection from now on,
     * and reads only while its tab is selected and the screen open. The caller keeps owning the panel. FX thread.
     */
    public void showSignals(io.flightdeck.ui.signals.SignalsPanel panel) {
        FxThread.check();
        view.setSignals(panel.root());
        panel.select(model.list().selectedProperty().get());
        model.list().selectedProperty().addListener((obs, old, now) -> panel.select(now));
        var selectedTab = view.tabs().getSelectionModel().selectedItemProperty();
        panel.setShowing(selectedTab.get() != null && selectedTab.get().getContent() == panel.root());
        selectedTab.addListener((obs, old, now) -> panel.setShowing(now != null && now.getContent() == panel.root()
                && !closed));
        signals = panel;
    }

    /** The cluster state shown now. FX thread. */
    public ClusterState state() {
        return model.state();
    }

    /** The window the screen is shown in, as owner of the dialogs it opens. FX thread. */
    public javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    public Parent root() {
        return root;
    }

    public WorkloadsViewModel model() {
        return model;
    }

    public WorkloadsView view() {
        return view;
    }

    /** Shows another cluster state from now on. */
    public void attach(ClusterState state) {
        FxThread.check();
        model.attach(Objects.requireNonNull(state));
    }

    /** Stops reading the state; the root may be dropped afterwards. */
    @Override
    public void close() {
        closed = true;
        ticking.close();
        if (signals != null) {
            signals.setShowing(false);
        }
    }
}
