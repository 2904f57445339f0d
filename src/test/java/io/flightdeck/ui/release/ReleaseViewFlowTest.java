package io.flightdeck.ui.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.release.AnalysisHook;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.RolloutProgress;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The release screens against the sandbox (clock speed 40), headless: a canary of shop/cart started from the
 * wizard, stepped once with Promote step and aborted from the panel after the confirmation is answered.
 */
class ReleaseViewFlowTest {

    private static final String NS = "shop";

    private final FxRobot robot = new FxRobot();
    private final List<String> confirmations = new CopyOnWriteArrayList<>();
    private SandboxCluster cluster;
    private KubernetesClient client;
    private ScheduledExecutorService scheduler;
    private ExecutorService background;
    private ReleaseEngine engine;
    private final List<String> judged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private FxBatcher batcher;
    private Stage stage;
    private volatile ReleasePanelViewModel panel;

    @BeforeEach
    void open() throws Exception {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(40));
        client = cluster.newClient();
        AtomicInteger n = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(2, r -> daemon(r, "flightdeck-release-ui-test-" + n.incrementAndGet()));
        background = Executors.newSingleThreadExecutor(r -> daemon(r, "flightdeck-release-ui-start"));
        engine = new ReleaseEngine(client, scheduler, new Actor("sandbox-admin", "tester", "test-host"),
                EngineSettings.defaults().withTick(Duration.ofMillis(40)).withAnalysis(this::judge)
                        .withLease(Duration.ofSeconds(2), Duration.ofMillis(250))
                        .withObserveEvery(Duration.ofMillis(100)));
        stage = FxToolkit.registerPrimaryStage();
        batcher = new FxBatcher(Duration.ofMillis(50), new BusyMeter());
        onFx(() -> {
            Theme.apply(Theme.Mode.DARK);
            ReleaseWizardViewModel wizard = new ReleaseWizardViewModel(engine::start, background, Platform::runLater);
            Parent form = (Parent) new ReleaseWizardView(wizard).build(() -> { }, this::showPanel);
            stage.setScene(new Scene(form, 900, 700));
            stage.show();
            stage.toFront();
            batcher.start();
            return null;
        });
    }

    /** The background analysis the wizard put into the plan keeps measuring: it never decides in this test. */
    private AnalysisHook.Verdict judge(AnalysisHook.Request r) {
        judged.add(r.analysis());
        return new AnalysisHook.Verdict(AnalysisHook.Outcome.RUNNING, "measuring " + r.analysis(), Map.of());
    }

    private void showPanel(ReleaseHandle h) {
        panel = new ReleasePanelViewModel(h, (action, details) -> confirmations.add(action));
        panel.attach(batcher);
        stage.getScene().setRoot((Parent) new ReleasePanelView(panel).build());
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            batcher.stop();
            if (panel != null) {
                panel.close();
                panel.handle().close();
            }
            return null;
        });
        FxToolkit.cleanupStages();
        background.shutdownNow();
        scheduler.shutdownNow();
        client.close();
        cluster.close();
    }

    @Test
    void startACanaryFromTheWizardStepItOnceAndAbortItFromThePanel() throws Exception {
        Deployment cart = client.apps().deployments().inNamespace(NS).withName("cart").waitUntilCondition(
                d -> d != null && d.getStatus() != null && RolloutProgress.of(d).complete(), 60, TimeUnit.SECONDS);
        String oldImage = cart.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();

        type(ReleaseWizardView.NAMESPACE_ID, NS);
        type(ReleaseWizardView.DEPLOYMENT_ID, "cart");
        type(ReleaseWizardView.CONTAINER_ID, "app");
        type(ReleaseWizardView.IMAGE_ID, "registry.shop.example/cart:2.3");
        type(ReleaseWizardView.BACKGROUND_ANALYSIS_ID, "success-rate, restarts");
        assertFalse(onFx(() -> robot.lookup("#" + ReleaseWizardView.POST_PROMOTION_ANALYSIS_ID).query().isVisible()),
                "post-promotion analysis is for blue/green only");
        click("#" + ReleaseWizardView.START_ID);

        await(30_000, "the panel at the first pause", () -> panel != null
                && panel.phaseProperty().get().equals("paused, step 4 of 13"));
        assertEquals("success-rate,restarts", onFx(() -> panel.handle().snapshot().plan().backgroundAnalysis()));
        assertTrue(judged.contains("success-rate,restarts"), "the engine judges the wizard's background analysis");
        click("#" + ReleasePanelView.PROMOTE_ID);
        await(30_000, "the second pause", () -> panel.phaseProperty().get().equals("paused, step 6 of 13"));
        assertEquals("canary weight 25%", onFx(() -> panel.weightProperty().get()));

        click("#" + ReleasePanelView.ABORT_ID);
        await(60_000, "the release aborted", () -> panel.phaseProperty().get().equals("aborted"));
        assertEquals(List.of("Abort"), confirmations);

        Deployment after = client.apps().deployments().inNamespace(NS).withName("cart").get();
        assertEquals(oldImage, after.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage());
        assertNull(client.apps().deployments().inNamespace(NS).withName("cart-canary").get(), "cart-canary left");
    }

    private void type(String id, String text) throws Exception {
        click("#" + id);
        robot.write(text);
        await(5_000, "typed into " + id, () -> ((javafx.scene.control.TextField) robot.lookup("#" + id).query())
                .getText().equals(text));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private void await(long millis, String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(millis, TimeUnit.MILLISECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            fail("not within " + millis + " ms: " + what + "; panel: " + onFx(() -> panel == null ? "none"
                    : panel.phaseProperty().get() + " " + panel.steps() + " " + panel.messageProperty().get()
                    + " " + panel.errorProperty().get()));
        }
    }

    /** Clicks the middle of a node, its place read on the FX thread. */
    private void click(String query) throws Exception {
        Point2D centre = onFx(() -> {
            Node node = robot.lookup(query).query();
            Bounds b = node.localToScreen(node.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        robot.clickOn(centre);
    }
}
