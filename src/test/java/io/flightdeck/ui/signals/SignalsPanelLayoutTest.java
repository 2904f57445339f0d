package io.flightdeck.ui.signals;

import io.flightdeck.model.WorkloadKey;
import io.flightdeck.signals.DeploymentLogTail;
import io.flightdeck.signals.PromResult;
import io.flightdeck.signals.TrafficSignals;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The signals panel's layout at the size of its tab in a 1280x800 window (about 880x330) and in a 1920x1080 one
 * (about 1520x600), with stable and canary tiles: the narrow panel shows every tile without scrolling sideways, lower
 * so that the log keeps more lines; the wide one keeps the full-size tiles. Headless (Monocle).
 */
class SignalsPanelLayoutTest {

    private static final WorkloadKey CHECKOUT = new WorkloadKey("shop", "checkout");
    private final FxRobot robot = new FxRobot();
    private ScheduledExecutorService executor;
    private FxBatcher batcher;
    private SignalsPanel panel;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            batcher.stop();
            panel.close();
            return null;
        });
        executor.shutdownNow();
        FxToolkit.cleanupStages();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    /** Opens the panel at the given size on a source where every version serves traffic. */
    private void open(double width, double height) throws Exception {
        executor = Executors.newSingleThreadScheduledExecutor();
        PromResult one = PromResult.data(List.of(new PromResult.Series(Map.of(),
                List.of(new PromResult.Sample(Instant.now(), 0.25)))));
        SignalSources sources = new SignalSources(new TrafficSignals(q -> one), ReleaseLookup.NONE,
                new DeploymentLogTail(null, "none", (ns, app, sink) -> () -> { }, Clock.systemUTC(), 100),
                executor, Duration.ofMillis(200), () -> "test");
        Stage stage = FxToolkit.registerPrimaryStage();
        batcher = new FxBatcher(Duration.ofMillis(50), new BusyMeter());
        onFx(() -> {
            Theme.apply(Theme.Mode.DARK);
            panel = new SignalsPanel(sources, () -> EMPTY, batcher);
            stage.setScene(new Scene(panel.root(), width, height));
            stage.show();
            batcher.start();
            panel.select(CHECKOUT);
            return null;
        });
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> panel.tiles().tilesProperty().get()
                    .stream().anyMatch(t -> t.row("canary") != null)));
        } catch (TimeoutException e) {
            fail("no canary tiles within 10 s");
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<Bounds> tileBounds() throws Exception {
        return onFx(() -> robot.lookup(".signal-tile").queryAll().stream().filter(Node::isVisible)
                .map(n -> n.localToScene(n.getLayoutBounds())).toList());
    }

    @Test
    void aNarrowPanelShowsEveryTileWithoutScrollingAndLowerTiles() throws Exception {
        open(880, 330);
        double visibleRight = onFx(() -> {
            ScrollPane scroll = robot.lookup(".signal-tiles-scroll").queryAs(ScrollPane.class);
            return scroll.localToScene(scroll.getLayoutBounds()).getMaxX();
        });
        List<Bounds> tiles = tileBounds();
        assertEquals(5, tiles.size(), "rate, success, p99, ready, weight");
        for (Bounds b : tiles) {
            assertTrue(b.getMaxX() <= visibleRight + 0.5, "a tile beyond the visible row: " + b + " > " + visibleRight);
            assertEquals(SignalTilesView.COMPACT_HEIGHT, b.getHeight(), 0.5);
        }
        double logTop = onFx(() -> {
            Node log = robot.lookup("#log-lines").query();
            return log.localToScene(log.getLayoutBounds()).getMinY();
        });
        assertTrue(330 - logTop >= 5 * 20, "room for at least five log lines, not " + (330 - logTop) + " px");
    }

    @Test
    void aWidePanelKeepsFullSizeTiles() throws Exception {
        open(1520, 600);
        for (Bounds b : tileBounds()) {
            assertEquals(SignalTilesView.TILE_WIDTH, b.getWidth(), 0.5);
            assertEquals(SignalTilesView.TILE_HEIGHT, b.getHeight(), 0.5);
        }
    }

    private static final io.flightdeck.cluster.ClusterState EMPTY = new io.flightdeck.cluster.ClusterState() {
        @Override
        public long version() {
            return 0;
        }

        @Override
        public List<io.flightdeck.model.WorkloadSnapshot> workloads() {
            return List.of();
        }

        @Override
        public java.util.Optional<io.flightdeck.model.WorkloadDetail> detail(WorkloadKey key) {
            return java.util.Optional.empty();
        }

        @Override
        public io.flightdeck.model.ConnectionStatus connection() {
            return null;
        }
    };
}
