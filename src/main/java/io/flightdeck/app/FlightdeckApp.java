package io.flightdeck.app;

import io.flightdeck.cluster.ClusterConnection;
import io.flightdeck.cluster.ClusterState;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import io.flightdeck.ui.shell.ShellView;
import io.flightdeck.ui.shell.ShellViewModel;
import io.flightdeck.ui.workloads.WorkloadsScreen;
import javafx.application.Application;
import javafx.stage.Stage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JavaFX application: opens the main window on the cluster of its {@link AppContext} (for the sandbox, starting
 * it in the background) and shows the live workloads screen once the first cluster is open; the screen's context and
 * namespace selectors switch through {@link LiveClusters}. JavaFX calls {@link #init} on the launcher thread and {@link #start}/{@link #stop} on the FX
 * thread. {@link Launcher} hands the context over through {@link #launch}; tests pass one to the constructor.
 */
public final class FlightdeckApp extends Application {

    private static final AtomicReference<AppContext> HANDED_OVER = new AtomicReference<>();

    /** How often the screens read what changed: at most ten times a second. */
    static final Duration TICK = Duration.ofMillis(100);

    private AppContext context;
    private FxBatcher batcher;
    private LiveClusters clusters;
    private CompletableFuture<ClusterState> firstOpen;
    private WorkloadsScreen screen;
    private ReleaseWiring releases;
    private io.flightdeck.ui.signals.SignalsPanel signalsPanel;
    private WallMode wallMode;

    /** Used by JavaFX: takes the context from {@link #launch}, else reads the command line itself. */
    public FlightdeckApp() {
    }

    public FlightdeckApp(AppContext context) {
        this.context = context;
    }

    /** Opens the window on the calling thread and returns once it is closed. */
    static void launch(AppContext context) {
        HANDED_OVER.set(context);
        Application.launch(FlightdeckApp.class);
    }

    @Override
    public void init() throws UsageException {
        if (context == null) {
            context = HANDED_OVER.getAndSet(null);
        }
        if (context == null) {
            LaunchOptions options = LaunchOptions.parse(getParameters().getRaw().toArray(String[]::new));
            context = AppContext.create(ClusterChooser.fromSystem().choose(options));
        }
    }

    @Override
    public void start(Stage stage) {
        Theme.apply();
        ShellViewModel shell = new ShellViewModel();
        batcher = new FxBatcher(TICK, new BusyMeter());
        ClusterChoice choice = context.choice();
        ClusterTarget target = choice.target();
        if (target.isSandbox()) {
            shell.showSandboxStarting(choice.namespace(), choice.reason());
        } else {
            shell.showContext(target.name(), target.masterUrl(), choice.namespace(), choice.reason());
        }
        ShellView view = new ShellView(shell);
        FxBatcher.Marker changed = batcher.register(() -> showClusters(shell, view, choice));
        clusters = new LiveClusters(new ClusterConnection(context.executors().threadFactory("cluster")),
                context.kubeconfig(), context.sandboxStarter(), context.executors(), changed::markChanged);
        firstOpen = clusters.openFirst(choice).toCompletableFuture();
        firstOpen.whenComplete((state, error) -> changed.markChanged());
        view.show(stage);
        wallMode = new WallMode(context, clusters, batcher, stage,
                io.flightdeck.ui.wall.VersionSignals.of(context.signals().traffic())).install();
        batcher.start();
    }

    /** Runs on the FX thread after a change of the sandbox or of the open cluster: header, then the screen. */
    private void showClusters(ShellViewModel shell, ShellView view, ClusterChoice choice) {
        LiveClusters.Current current = clusters.current();
        Optional<String> namespace = current.namespaces().isAll() ? Optional.empty()
                : Optional.of(String.join(", ", current.namespaces().names()));
        if (current.context().isEmpty() || current.sandbox()) {
            clusters.sandbox().map(SandboxSession::status)
                    .ifPresent(status -> showSandbox(shell, status, choice.namespace(), choice.reason()));
        } else {
            String reason = current.context().equals(choice.target().name()) ? choice.reason()
                    : "chosen in the context selector";
            shell.showContext(current.context(), current.server(), namespace, reason);
        }
        context.signals().clusterChanged(current.sandbox(), current.context(),
                clusters.sandbox().flatMap(SandboxSession::running),
                () -> clusters.connection().session().flatMap(io.flightdeck.cluster.ClusterSession::client));
        if (screen == null && firstOpen.isDone() && !firstOpen.isCompletedExceptionally()) {
            screen = new WorkloadsScreen(firstOpen.join(), clusters, batcher);
            releases = new ReleaseWiring(clusters, context.executors(), context.signals(), batcher);
            screen.onRelease(this::openReleaseWizard);
            screen.onTimeline(this::openTimeline);
            screen.onWall(wallMode::toggle);
            signalsPanel = SignalsWiring.panel(context, clusters, releases, screen, batcher);
            view.showScreen(screen.root());
        }
        if (screen != null) {
            wallMode.clusterOpened();
        }
    }

    /** Opens the release wizard for a Deployment on the cluster open now. FX thread. */
    private void openReleaseWizard(io.flightdeck.model.WorkloadKey key) {
        releases.openWizard(key, screen.window());
    }

    /** Opens the timeline of a Deployment on the cluster open now: revisions, release events, roll back. FX thread. */
    private void openTimeline(io.flightdeck.model.WorkloadKey key) {
        releases.openTimeline(key, screen.window());
    }

    private static void showSandbox(ShellViewModel shell, SandboxSession.Status status, Optional<String> namespace,
                                    String reason) {
        switch (status) {
            case SandboxSession.Status.Starting s -> shell.showSandboxStarting(namespace, reason);
            case SandboxSession.Status.Serving s -> shell.showSandboxServing(s.target().masterUrl(), namespace, reason);
            case SandboxSession.Status.NotStarted s -> shell.showSandboxNotStarted(s.why(), namespace, reason);
        }
    }

    /** The screen's entry point, once the first cluster is open; for tests. */
    WorkloadsScreen screen() {
        return screen;
    }

    @Override
    public void stop() {
        if (batcher != null) {
            batcher.stop();
        }
        if (signalsPanel != null) {
            signalsPanel.close();
        }
        if (screen != null) {
            screen.close();
        }
        if (releases != null) {
            releases.close();
        }
        if (clusters != null) {
            clusters.close();
        }
        context.close();
    }
}
