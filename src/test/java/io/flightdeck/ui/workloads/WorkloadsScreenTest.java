package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeState;
import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static io.flightdeck.ui.workloads.Pods.CHECKOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The workloads screen, headless (Monocle) at 1280x800, on a fake cluster state that the test changes. */
class WorkloadsScreenTest {

    private final FxRobot robot = new FxRobot();
    private final FakeClusterState state = Pods.shop();
    private FxBatcher batcher;
    private WorkloadsScreen screen;
    private Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        batcher = new FxBatcher(Duration.ofMillis(100), new BusyMeter());
        onFx(() -> {
            Theme.apply(Theme.Mode.DARK);
            screen = new WorkloadsScreen(state, new FakeChooser(), batcher);
            stage.setScene(new Scene(screen.root(), 1280, 800));
            stage.show();
            stage.toFront();
            batcher.start();
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            batcher.stop();
            screen.close();
            Theme.apply(Theme.Mode.DARK);
            return null;
        });
        FxToolkit.cleanupStages();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private static void await(long millis, String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(millis, TimeUnit.MILLISECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            fail("not within " + millis + " ms: " + what);
        }
    }

    /**
     * Clicks the middle of the node {@code query} finds, its place read on the FX thread: TestFX's own
     * clickOn(query) reads bounds on the test thread, which races with the screen's ticks.
     */
    private void click(String query) throws Exception {
        Point2D centre = onFx(() -> {
            Node node = robot.lookup(query).query();
            Bounds b = node.localToScreen(node.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        robot.clickOn(centre);
    }

    private PodGridView grid() {
        return screen.view().grid();
    }

    private void selectCheckoutByKeyboard() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("checkout");
        robot.type(KeyCode.ENTER);
        await(2000, "shop/checkout selected", () -> CHECKOUT.equals(screen.model().list().selectedProperty().get()));
    }

    @Test
    void selectingCheckoutShowsItsPodsAndAPodTurningNotReadyShowsWithinTwoSeconds() throws Exception {
        selectCheckoutByKeyboard();
        List<PodSnapshot> pods = state.pods(CHECKOUT);
        await(2000, "three checkout pods painted", () -> pods.stream()
                .allMatch(p -> grid().paintedCell(p.name()).map(PodCell::ready).orElse(false)));
        assertEquals("shop/checkout", robot.lookup("#" + WorkloadHeaderView.TITLE_ID).queryAs(Label.class)
                .getText());
        onFx(() -> Snapshots.save(stage.getScene(), "fake-dark"));

        String victim = pods.get(1).name();
        long changed = System.nanoTime();
        state.changePod(CHECKOUT, victim, Pods::notReady);
        await(2000, "pod painted not ready", () -> grid().paintedCell(victim)
                .map(c -> !c.ready() && c.tone() == PodTone.NOT_READY).orElse(false));
        long tookMs = (System.nanoTime() - changed) / 1_000_000;
        assertTrue(tookMs < 2000, "took " + tookMs + " ms");
        assertTrue(batcher.meter().ticks() > 0);
    }

    @Test
    void aNewRevisionAppearsInTheTableAndTheGrid() throws Exception {
        selectCheckoutByKeyboard();
        WorkloadSnapshot before = state.workload(CHECKOUT);
        Revision next = Pods.revision(CHECKOUT, 2, "n3wh4sh", "2.1", 1);
        List<Revision> revisions = new ArrayList<>(List.of(next));
        revisions.addAll(before.revisions());
        state.put(new WorkloadSnapshot(CHECKOUT, Health.PROGRESSING, 3, 1, 3, 3,
                "registry.shop.example/checkout:2.1", "2.1", false, revisions,
                "ReplicaSet \"checkout-n3wh4sh\" is progressing.", 9));
        List<PodSnapshot> pods = new ArrayList<>(state.pods(CHECKOUT));
        PodSnapshot fresh = Pods.pod(CHECKOUT, "n3wh4sh", "q7k2m", false);
        pods.add(fresh);
        state.pods(CHECKOUT, pods);

        TableView<?> table = robot.lookup("#" + RevisionsView.ID).queryAs(TableView.class);
        await(2000, "two revisions listed", () -> table.getItems().size() == 2);
        assertEquals(2, ((RevisionRow) table.getItems().getFirst()).number());
        await(2000, "new pod painted", () -> grid().paintedCell(fresh.name()).isPresent());
        assertEquals("progressing", robot.lookup("#" + WorkloadHeaderView.HEALTH_ID).queryAs(Label.class)
                .getText());
    }

    @Test
    void clickingAPodShowsItsProbeDetailAndTheThemeToggles() throws Exception {
        selectCheckoutByKeyboard();
        String first = state.pods(CHECKOUT).getFirst().name();
        await(2000, "pods painted", () -> grid().paintedCell(first).isPresent());
        Point2D cell = onFx(() -> grid().localToScreen(PodGridLayout.PAD + 20,
                PodGridLayout.PAD + PodGridLayout.HEADER_H + 20));
        robot.clickOn(cell);
        await(2000, "detail of the first pod", () -> robot.lookup("#pod-detail-name").tryQueryAs(Label.class)
                .map(l -> first.equals(l.getText())).orElse(false));
        assertEquals("yes", robot.lookup("#pod-ready-value").queryAs(Label.class).getText());

        robot.type(KeyCode.RIGHT);
        String second = state.pods(CHECKOUT).get(1).name();
        await(2000, "arrow selects the next pod", () -> second.equals(screen.model().grid().selectedPodProperty()
                .get()));

        click("#" + ContextBarView.THEME_ID);
        await(2000, "light theme", () -> Theme.mode() == Theme.Mode.LIGHT
                && screen.root().getStyleClass().contains("theme-light"));
        onFx(() -> Snapshots.save(stage.getScene(), "fake-light"));
        assertFalse(screen.root().getStyleClass().contains("theme-dark"));
    }

    @Test
    void timelineButtonAndCtrlTOpenTheTimelineOfTheSelectedDeployment() throws Exception {
        List<WorkloadKey> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        onFx(() -> {
            screen.onTimeline(opened::add);
            return null;
        });
        assertTrue(onFx(() -> robot.lookup("#" + WorkloadsView.TIMELINE_ID).query().isDisabled()),
                "nothing selected yet");
        selectCheckoutByKeyboard();
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        await(2000, "Ctrl+T", () -> opened.equals(List.of(CHECKOUT)));
        click("#" + WorkloadsView.TIMELINE_ID);
        await(2000, "the Timeline button", () -> opened.equals(List.of(CHECKOUT, CHECKOUT)));
    }

    @Test
    void theWallModeButtonAppearsOnceOfferedAndOpensTheWall() throws Exception {
        assertTrue(onFx(() -> !robot.lookup("#" + ContextBarView.WALL_ID).query().isVisible()),
                "no wall button before the application offers wall mode");
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        onFx(() -> {
            screen.onWall(opened::incrementAndGet);
            return null;
        });
        assertTrue(onFx(() -> robot.lookup("#" + ContextBarView.WALL_ID).query().isVisible()), "wall button shown");
        await(2000, "the wall button laid out in the bar", () -> {
            Node wall = robot.lookup("#" + ContextBarView.WALL_ID).query();
            Node theme = robot.lookup("#" + ContextBarView.THEME_ID).query();
            Bounds w = wall.localToScene(wall.getLayoutBounds());
            return w.getWidth() > 0 && w.getMaxX() <= theme.localToScene(theme.getLayoutBounds()).getMinX();
        });
        click("#" + ContextBarView.WALL_ID);
        await(2000, "the wall opened from its button", () -> opened.get() == 1);
    }

    @Test
    void typingInTheListFiltersAndEnterGoesOnToThePodGrid() throws Exception {
        click("#" + DeploymentListView.LIST_ID);
        robot.write("pay");
        await(2000, "filter took the typing", () -> "pay".equals(screen.model().list().filterProperty().get()));
        assertEquals(List.of(new WorkloadKey("shop", "payments")),
                onFx(() -> screen.model().list().visibleKeys()));
        robot.type(KeyCode.ENTER);
        await(2000, "payments selected", () -> "payments".equals(screen.model().list().selectedProperty().get()
                .name()));
        robot.type(KeyCode.ENTER);
        await(2000, "grid focused with a pod selected", () -> grid().isFocused()
                && screen.model().grid().selectedPodProperty().get() != null);
        robot.type(KeyCode.ESCAPE);
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.type(KeyCode.ESCAPE);
        await(2000, "Escape clears the filter", () -> screen.model().list().filterProperty().get().isEmpty()
                && screen.model().list().visibleKeys().size() == 7);
    }

    @Test
    void everyPodToneAndProbeStateIsPainted() throws Exception {
        List<PodSnapshot> pods = new ArrayList<>();
        String hash = Pods.checkoutHash();
        PodSnapshot base = Pods.pod(CHECKOUT, hash, "ready", true);
        pods.add(base);
        pods.add(Pods.notReady(Pods.pod(CHECKOUT, hash, "unrdy", true)));
        pods.add(variant(Pods.pod(CHECKOUT, hash, "pend1", false), "Pending", "ContainerCreating", 0, false,
                ProbeHealth.PENDING));
        pods.add(variant(Pods.pod(CHECKOUT, hash, "crash", false), "Running", "CrashLoopBackOff", 7, false,
                ProbeHealth.FAILING));
        pods.add(variant(Pods.pod(CHECKOUT, hash, "term1", true), "Running", "Terminating", 1, true,
                ProbeHealth.PASSING));
        state.pods(CHECKOUT, pods);
        selectCheckoutByKeyboard();
        await(2000, "five pods painted", () -> grid().paintedCount() == 5);
        assertEquals(PodTone.PENDING, grid().paintedCell(pods.get(2).name()).orElseThrow().tone());
        assertEquals(PodTone.FAILING, grid().paintedCell(pods.get(3).name()).orElseThrow().tone());
        assertEquals(7, grid().paintedCell(pods.get(3).name()).orElseThrow().restarts());
        assertEquals(PodTone.TERMINATING, grid().paintedCell(pods.get(4).name()).orElseThrow().tone());
        onFx(() -> {
            screen.model().grid().selectedPodProperty().set(pods.get(3).name());
            return null;
        });
        await(2000, "crashing pod detail", () -> robot.lookup("#pod-restarts-value").tryQueryAs(Label.class)
                .map(l -> "7".equals(l.getText())).orElse(false));
        assertEquals("Error", robot.lookup("#pod-termination-value").queryAs(Label.class).getText());
        onFx(() -> Snapshots.save(stage.getScene(), "fake-tones-dark"));
    }

    private static PodSnapshot variant(PodSnapshot p, String phase, String status, int restarts, boolean terminating,
                                       ProbeHealth probes) {
        List<ProbeState> states = p.probes().stream().map(s -> new ProbeState(s.kind(), probes, s.configured(),
                probes == ProbeHealth.FAILING ? "Liveness probe failed: HTTP probe failed with statuscode: 500" : null,
                probes == ProbeHealth.FAILING ? FakeClusterState.t0() : null)).toList();
        return new PodSnapshot(p.namespace(), p.name(), p.uid(), p.podTemplateHash(), phase, status, false, restarts,
                p.node(), p.podIp(), p.created(), terminating, states, restarts > 0 ? "Error" : null, p.image(),
                p.resourceVersion());
    }

    /**
     * The Signals tab reads traffic, the release journal and the log tail of the selected Deployment only while it
     * is selected: the Pods tab and a closed screen read nothing.
     */
    @Test
    void theSignalsTabReadsOnlyWhileItIsSelected() throws Exception {
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger following = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService executor = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        io.flightdeck.signals.PodLogs podLogs = (namespace, app, sink) -> {
            following.incrementAndGet();
            return following::decrementAndGet;
        };
        io.flightdeck.ui.signals.SignalSources sources = new io.flightdeck.ui.signals.SignalSources(
                new io.flightdeck.signals.TrafficSignals(q -> {
                    queries.incrementAndGet();
                    return io.flightdeck.signals.PromResult.noData("no samples in the window");
                }),
                target -> {
                    lookups.incrementAndGet();
                    return java.util.Optional.empty();
                },
                new io.flightdeck.signals.DeploymentLogTail(null, "none", podLogs, java.time.Clock.systemUTC(), 100),
                executor, Duration.ofMillis(100), () -> "test");
        try {
            io.flightdeck.ui.signals.SignalsPanel panel = onFx(() -> {
                var p = new io.flightdeck.ui.signals.SignalsPanel(sources, screen::state, batcher);
                screen.showSignals(p);
                return p;
            });
            selectCheckoutByKeyboard();
            assertFalse(onFx(panel::isShowing), "the Pods tab is selected first");
            await(2000, "the log tail stops following", () -> following.get() == 0);
            int before = queries.get();
            int lookedUp = lookups.get();
            TimeUnit.MILLISECONDS.sleep(500); // five reading periods of the hidden tab
            assertEquals(before, queries.get(), "no traffic read while the Pods tab is selected");
            assertEquals(lookedUp, lookups.get(), "no release journal read while the Pods tab is selected");

            click("#signals-tab");
            await(2000, "reading again once shown", () -> queries.get() > before && lookups.get() > lookedUp
                    && following.get() == 1);

            onFx(() -> {
                screen.view().tabs().getSelectionModel().select(0);
                return null;
            });
            await(2000, "stopped when the Pods tab is selected again", () -> !panel.isShowing()
                    && following.get() == 0);
            onFx(() -> {
                screen.view().tabs().getSelectionModel().select(1);
                return null;
            });
            await(2000, "shown again", () -> following.get() == 1);
            onFx(() -> {
                screen.close();
                return null;
            });
            await(2000, "a closed screen reads nothing", () -> !panel.isShowing() && following.get() == 0);
        } finally {
            executor.shutdownNow();
        }
    }
}
