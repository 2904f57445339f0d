package io.flightdeck.ui.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.AnalysisHook;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.RolloutProgress;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.ui.fx.Theme;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The timeline against the sandbox (clock speed 40), headless: a canary of shop/cart with an analysis step (judged by
 * a scripted hook that passes with a measured value) runs to the end through the engine; the timeline shows cart's
 * revisions and the release's events from its journal; the gate's event shows its actor and measured value; revision
 * 1 shows the image difference and "Roll back to this revision…", once confirmed, puts cart back on its old image.
 */
class ReleaseTimelineFlowTest {

    private static final String NS = "shop";
    private static final WorkloadKey CART = new WorkloadKey(NS, "cart");
    private static final String NEW_IMAGE = "registry.shop.example/cart:2.3";

    private final FxRobot robot = new FxRobot();
    private final List<String> confirmations = new CopyOnWriteArrayList<>();
    private SandboxCluster cluster;
    private KubernetesClient client;
    private ScheduledExecutorService scheduler;
    private ExecutorService background;
    private ReleaseEngine engine;
    private Stage stage;
    private ReleaseTimelineViewModel model;

    @BeforeEach
    void open() throws Exception {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(40));
        client = cluster.newClient();
        AtomicInteger n = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(2,
                r -> daemon(r, "flightdeck-timeline-test-" + n.incrementAndGet()));
        background = Executors.newSingleThreadExecutor(r -> daemon(r, "flightdeck-timeline-read"));
        AnalysisHook scripted = r -> new AnalysisHook.Verdict(AnalysisHook.Outcome.PASSED,
                "success-rate: 1 of 1 measurements successful", Map.of("success-rate#1", "SUCCESSFUL [0.998]"));
        engine = new ReleaseEngine(client, scheduler, new Actor("sandbox-admin", "tester", "test-host"),
                EngineSettings.defaults().withTick(Duration.ofMillis(40))
                        .withLease(Duration.ofSeconds(2), Duration.ofMillis(250))
                        .withObserveEvery(Duration.ofMillis(100)).withAnalysis(scripted));
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        scheduler.shutdownNow();
        client.close();
        cluster.close();
    }

    @Test
    void showsTheReleaseEventsAndRollsBackToAnOlderRevision() throws Exception {
        Deployment cart = client.apps().deployments().inNamespace(NS).withName("cart").waitUntilCondition(
                d -> d != null && d.getStatus() != null && RolloutProgress.of(d).complete(), 60, TimeUnit.SECONDS);
        String oldImage = cart.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
        ReleaseHandle h = engine.start(new ReleasePlan(CART, ReleaseChange.image("app", NEW_IMAGE),
                ReleaseStrategy.canary(), List.of(ReleaseStep.setWeight(50), ReleaseStep.analysis("success-rate"),
                ReleaseStep.setWeight(100))));
        ReleaseSnapshot done = h.finished().get(120, TimeUnit.SECONDS);
        assertEquals(ReleasePhase.SUCCEEDED, done.phase(), done.message());

        onFx(() -> {
            Theme.apply(Theme.Mode.DARK);
            model = new ReleaseTimelineViewModel(CART, new ReplicaSetRevisions(client, engine::history),
                    engine::rollback, (action, details) -> confirmations.add(action), background, Platform::runLater);
            stage.setScene(new Scene((Parent) new ReleaseTimelineView(model).build(), 1100, 760));
            stage.show();
            stage.toFront();
            model.reload();
            return null;
        });
        await("revisions 1 and 2 and the release's events", () -> robot.lookup("#"
                + ReleaseTimelineView.REVISION_ID_PREFIX + "1").tryQuery().isPresent()
                && robot.lookup("#" + ReleaseTimelineView.REVISION_ID_PREFIX + "2").tryQuery().isPresent()
                && labels().contains("release succeeded"));
        List<String> labels = onFx(this::labels);
        assertTrue(labels.containsAll(List.of("start ok", "step done: set weight 50%", "analysis passed: success-rate",
                "release succeeded")), labels.toString());
        assertTrue(onFx(() -> robot.lookup(".timeline-event.event-gate-passed").queryAll().size()) >= 1,
                "a marker for the passed gate");

        clickEventRow("analysis passed: success-rate");
        List<String> details = onFx(() -> List.copyOf(model.eventDetails()));
        assertTrue(details.contains("Actor: sandbox-admin (tester@test-host)"), details.toString());
        assertTrue(details.contains("Outcome: passed"), details.toString());
        assertTrue(details.contains("success-rate#1: SUCCESSFUL [0.998]"), details.toString());

        click("#" + ReleaseTimelineView.REVISION_ID_PREFIX + "1");
        await("the differences of revision 1", () -> model.differences().contains("~ image app: " + oldImage + " -> "
                + NEW_IMAGE));
        click("#" + ReleaseTimelineView.ROLL_BACK_ID);
        assertEquals(List.of("Roll back"), confirmations);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> oldImage.equals(client.apps().deployments()
                .inNamespace(NS).withName("cart").get().getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getImage()));
        await("the roll back reported", () -> model.statusProperty().get().startsWith("Roll back to revision 1"));
    }

    private List<String> labels() {
        return model.events().stream().map(ReleaseTimelineViewModel.Marker::label).toList();
    }

    @SuppressWarnings("unchecked")
    private void clickEventRow(String label) throws Exception {
        onFx(() -> {
            ListView<ReleaseTimelineViewModel.Marker> list = (ListView<ReleaseTimelineViewModel.Marker>) robot
                    .lookup("#" + ReleaseTimelineView.EVENTS_ID).query();
            list.scrollTo(model.events().stream().filter(x -> x.label().equals(label)).findFirst().orElseThrow());
            return null;
        });
        robot.clickOn(cellCentre(label));
        await("event '" + label + "' selected", () -> model.selectedEventProperty().get() != null
                && model.selectedEventProperty().get().label().equals(label));
    }

    private Point2D cellCentre(String label) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> {
            Node cell = robot.lookup("#" + ReleaseTimelineView.EVENTS_ID + " .list-cell")
                    .match((javafx.scene.control.ListCell<?> c) -> c.getText() != null && c.getText().contains(
                            "  " + label + "  ")).query();
            Bounds b = cell.localToScreen(cell.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            fail("not within 30 s: " + what + "; status: " + onFx(() -> model.statusProperty().get()
                    + " events " + labels()));
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
