package io.flightdeck.ui.signals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.signals.DeploymentLogTail;
import io.flightdeck.signals.PodLogs;
import io.flightdeck.signals.ScrapeSource;
import io.flightdeck.signals.TailLine;
import io.flightdeck.signals.TrafficSignals;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.fx.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The signals panel on the sandbox during a canary of shop/checkout (an {@code -errors} image at weight 50, then a
 * pause): the tiles show stable and canary numbers read by direct scrapes; the log tail (pod logs through the API,
 * no Fluentd feed here) shows lines of both versions; the filter narrows them; pause stops appending and counts.
 * Headless (Monocle) at 1280x800.
 */
class SignalsPanelSandboxTest {

    private static final WorkloadKey CHECKOUT = new WorkloadKey("shop", "checkout");
    private static SandboxCluster cluster;
    private static KubernetesClient client;
    private static ScheduledExecutorService executor;
    private static FxBatcher batcher;
    private static SignalsPanel panel;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(20));
        client = cluster.newClient();
        executor = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "flightdeck-signals-test");
            t.setDaemon(true);
            return t;
        });
        ScrapeSource scrapes = new ScrapeSource(cluster.metricsUrl(), Clock.systemUTC());
        executor.scheduleWithFixedDelay(scrapes::scrape, 0, 500, TimeUnit.MILLISECONDS);
        client.apps().deployments().inNamespace("shop").withName("checkout").waitUntilCondition(
                d -> d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                        && d.getStatus().getReadyReplicas() > 0, 60, TimeUnit.SECONDS);
        ReleaseEngine engine = new ReleaseEngine(client, executor, new Actor("sandbox-admin", "tester", "host"),
                EngineSettings.defaults().withTick(Duration.ofMillis(50)));
        engine.start(new ReleasePlan(CHECKOUT, ReleaseChange.image("app",
                "registry.shop.example/checkout:2.1-errors"), ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(50), ReleaseStep.pause(), ReleaseStep.analysis("success-rate"))));
        EngineReleaseLookup releases = new EngineReleaseLookup(engine);
        DeploymentLogTail logs = new DeploymentLogTail(null, "no Fluentd receiver",
                PodLogs.fromApi(client, executor), Clock.systemUTC(), 5_000);
        SignalSources sources = new SignalSources(new TrafficSignals(scrapes), releases, logs, executor,
                Duration.ofMillis(500), () -> "direct scrape");
        FxToolkit.registerPrimaryStage();
        Stage stage = FxToolkit.registerPrimaryStage();
        batcher = new FxBatcher(Duration.ofMillis(100), new BusyMeter());
        onFx(() -> {
            Theme.apply(Theme.Mode.DARK);
            panel = new SignalsPanel(sources, () -> EMPTY, batcher);
            stage.setScene(new Scene(panel.root(), 1280, 800));
            stage.show();
            batcher.start();
            panel.select(CHECKOUT);
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (panel != null) {
            onFx(() -> {
                batcher.stop();
                panel.close();
                return null;
            });
        }
        FxToolkit.cleanupStages();
        executor.shutdownNow();
        client.close();
        cluster.close();
    }

    @Test
    void tilesShowStableAgainstCanaryAndTheLogTailFiltersAndPauses() throws Exception {
        await(90_000, "stable and canary request rates and success rates", () -> {
            SignalTile rate = tile(SignalTilesViewModel.REQUESTS);
            SignalTile success = tile(SignalTilesViewModel.SUCCESS);
            return rate != null && rate.row("canary") != null && !rate.row("canary").noData()
                    && !rate.row("stable").noData() && !success.row("canary").noData();
        });
        String shownRate = onFx(() -> ((Label) robot.lookup("#tile-requests-canary").query()).getText());
        assertTrue(shownRate.endsWith("req/s"), shownRate);
        String shownStable = onFx(() -> ((Label) robot.lookup("#tile-success-stable").query()).getText());
        assertTrue(shownStable.endsWith("%"), shownStable);
        SignalTile.Row ready = onFx(() -> tile(SignalTilesViewModel.READY).row("canary"));
        assertTrue(ready != null && !ready.noData() && ready.text().matches("\\d+ / \\d+"), String.valueOf(ready));
        assertTrue(onFx(() -> tile(SignalTilesViewModel.WEIGHT).row("canary").text()).equals("50 %"),
                "the canary's weight from the release in flight");
        assertTrue(onFx(() -> panel.tiles().gatesProperty().get().stream()
                .anyMatch(g -> g.analysis().equals("success-rate"))), "a tile for the release's gate");
        assertFalse(onFx(() -> robot.lookup("#gate-success-rate").tryQuery().isEmpty()));

        await(60_000, "log lines of both versions", () -> {
            List<TailLine> lines = panel.logs().lines();
            return lines.stream().anyMatch(l -> l.track().equals("stable"))
                    && lines.stream().anyMatch(l -> l.track().equals("canary"));
        });
        assertTrue(onFx(() -> ((Label) robot.lookup("#log-source").query()).getText()).contains("pod logs"));

        robot.clickOn("#log-filter").write("status=500");
        await(10_000, "the filter narrows to the error lines", () -> !panel.logs().visible().isEmpty()
                && panel.logs().visible().size() < panel.logs().lines().size()
                && panel.logs().visible().stream().allMatch(l -> l.text().contains("status=500")));
        onFx(() -> {
            panel.logs().filterProperty().set("");
            return null;
        });

        robot.clickOn("#log-pause");
        int frozen = onFx(() -> panel.logs().lines().size());
        TailLine last = onFx(() -> panel.logs().lines().get(panel.logs().lines().size() - 1));
        await(20_000, "lines held while paused", () -> panel.logs().heldProperty().get() > 0);
        assertEquals(last, onFx(() -> panel.logs().lines().get(panel.logs().lines().size() - 1)),
                "nothing appended while paused");
        assertTrue(onFx(() -> panel.logs().lines().size()) <= frozen);
        assertTrue(onFx(() -> ((javafx.scene.control.ToggleButton) robot.lookup("#log-pause").query()).getText()).startsWith("Resume ("));
        robot.clickOn("#log-pause");
        await(5_000, "held lines appended on resume", () -> panel.logs().heldProperty().get() == 0
                && !panel.logs().lines().get(panel.logs().lines().size() - 1).equals(last));
    }

    private static SignalTile tile(String id) {
        return panel.tiles().tilesProperty().get().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private static void await(long millis, String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(millis, TimeUnit.MILLISECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            fail("not within " + millis + " ms: " + what + "; tiles " + onFx(() -> panel.tiles().tilesProperty()
                    .get()) + "; problem " + onFx(() -> panel.tiles().problemProperty().get()));
        }
    }

    private static final ClusterState EMPTY = new ClusterState() {
        @Override
        public long version() {
            return 0;
        }

        @Override
        public List<WorkloadSnapshot> workloads() {
            return List.of();
        }

        @Override
        public Optional<WorkloadDetail> detail(WorkloadKey key) {
            return Optional.empty();
        }

        @Override
        public ConnectionStatus connection() {
            return null;
        }
    };
}
