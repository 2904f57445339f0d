package io.flightdeck.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.cluster.ClusterSession;
import io.flightdeck.model.Actor;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.wall.VersionSignals;
import io.flightdeck.ui.wall.WallFeed;
import io.flightdeck.ui.wall.WallScreen;
import javafx.stage.Stage;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wall mode for the main window: F11 or Ctrl+Shift+W (on the main window, see {@link #install}) opens the full-screen
 * read-only wall on the cluster open now and hides the main window; the same keys on the wall close it and bring the
 * main window back. {@code --wall} opens it as soon as the first cluster is open. The wall's engine only observes
 * (re-reading each journal every 250 ms). FX thread, except {@link #requestAtStart}.
 */
public final class WallMode {

    private static final AtomicBoolean AT_START = new AtomicBoolean();
    /** How often the wall re-reads a release's journal it shows. */
    static final Duration OBSERVE_EVERY = Duration.ofMillis(250);

    private final AppContext context;
    private final LiveClusters clusters;
    private final FxBatcher batcher;
    private final Stage main;
    private final VersionSignals signals;
    private WallScreen wall;

    WallMode(AppContext context, LiveClusters clusters, FxBatcher batcher, Stage main, VersionSignals signals) {
        this.context = context;
        this.clusters = clusters;
        this.batcher = batcher;
        this.main = main;
        this.signals = signals;
    }

    /** Set by the launcher for {@code --wall}: open the wall once the first cluster is open. Any thread. */
    static void requestAtStart(boolean wall) {
        AT_START.set(wall);
    }

    /** Adds the wall keys to the main window's scene. */
    WallMode install() {
        WallScreen.installToggle(main, this::toggle);
        return this;
    }

    /** Called once the first cluster is open: opens the wall if {@code --wall} asked for it. */
    void clusterOpened() {
        if (AT_START.get() && open()) {
            AT_START.set(false);
        }
    }

    boolean open() {
        if (wall != null) {
            return true;
        }
        Optional<KubernetesClient> client = clusters.connection().session().flatMap(ClusterSession::client);
        if (client.isEmpty()) {
            return false;
        }
        ReleaseEngine engine = new ReleaseEngine(client.get(), context.executors().scheduler(),
                new Actor("wall", System.getProperty("user.name"), "wall"),
                EngineSettings.defaults().withObserveEvery(OBSERVE_EVERY));
        LiveClusters.Current current = clusters.current();
        wall = new WallScreen(changed -> new WallFeed(engine, current.namespaces().isAll() ? java.util.List.of()
                : current.namespaces().names(), signals, context.executors().scheduler(), Clock.systemUTC(), changed),
                clusters.connection(), () -> clusters.current().namespaces(),
                () -> "FLIGHTDECK · " + clusters.current().context() + " · " + clusters.current().namespaces(),
                batcher, Clock.systemUTC(), ZoneId.systemDefault()).start();
        wall.open(this::toggle);
        main.hide();
        return true;
    }

    void toggle() {
        if (wall == null) {
            open();
            return;
        }
        WallScreen w = wall;
        wall = null;
        w.close();
        main.show();
    }

    /** The wall shown now, for tests. */
    WallScreen wall() {
        return wall;
    }
}
