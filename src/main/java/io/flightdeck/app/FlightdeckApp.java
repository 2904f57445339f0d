package io.flightdeck.app;

import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import io.flightdeck.ui.shell.ShellView;
import io.flightdeck.ui.shell.ShellViewModel;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The JavaFX application: opens the main window on the cluster of its {@link AppContext} and, for the sandbox, starts
 * it in the background. JavaFX calls {@link #init} on the launcher thread and {@link #start}/{@link #stop} on the FX
 * thread. {@link Launcher} hands the context over through {@link #launch}; tests pass one to the constructor.
 */
public final class FlightdeckApp extends Application {

    private static final AtomicReference<AppContext> HANDED_OVER = new AtomicReference<>();

    private AppContext context;
    private FxBatcher batcher;
    private SandboxSession sandbox;

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
        batcher = new FxBatcher();
        ClusterChoice choice = context.choice();
        ClusterTarget target = choice.target();
        if (target.isSandbox()) {
            shell.showSandboxStarting(choice.namespace(), choice.reason());
            FxBatcher.Marker changed = batcher.register(() -> showSandbox(shell, sandbox.status(), choice));
            sandbox = new SandboxSession(context.sandboxStarter(), context.executors(), changed::markChanged);
            sandbox.start();
        } else {
            shell.showContext(target.name(), target.masterUrl(), choice.namespace(), choice.reason());
        }
        new ShellView(shell).show(stage);
        batcher.start();
    }

    private static void showSandbox(ShellViewModel shell, SandboxSession.Status status, ClusterChoice choice) {
        switch (status) {
            case SandboxSession.Status.Starting s -> shell.showSandboxStarting(choice.namespace(), choice.reason());
            case SandboxSession.Status.Serving s ->
                    shell.showSandboxServing(s.target().masterUrl(), choice.namespace(), choice.reason());
            case SandboxSession.Status.NotStarted s ->
                    shell.showSandboxNotStarted(s.why(), choice.namespace(), choice.reason());
        }
    }

    @Override
    public void stop() {
        if (batcher != null) {
            batcher.stop();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        context.close();
    }
}
