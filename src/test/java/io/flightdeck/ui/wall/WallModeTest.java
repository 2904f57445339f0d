package io.flightdeck.ui.wall;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.RolloutProgress;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.ui.fx.BusyMeter;
import io.flightdeck.ui.fx.FxBatcher;
import io.flightdeck.ui.release.ReleasePanelView;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Wall mode against the sandbox, headless: a canary of shop/cart started by one engine is shown by the wall, which
 * reads it through its own observing engine as another workstation would; the wall's scene graph holds no control of
 * the release panel or anything else that takes input or focus, keys reach nothing; and when the release is aborted,
 * the red banner is on screen within 1 s of the abort's entry in the journal (observing every 250 ms and ticking
 * every 100 ms, as the app does).
 */
class WallModeTest {

    private static final String NS = "shop";

    private final FxRobot robot = new FxRobot();
    private SandboxCluster cluster;
    private KubernetesClient client;
    private ScheduledExecutorService scheduler;
    private ReleaseEngine driver;
    private ReleaseEngine observer;
    private FxBatcher batcher;
    private WallScreen wall;

    @BeforeEach
    void open() throws Exception {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(40));
        client = cluster.newClient();
        AtomicInteger n = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "flightdeck-wall-test-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        EngineSettings fast = EngineSettings.defaults().withTick(Duration.ofMillis(40))
                .withLease(Duration.ofSeconds(2), Duration.ofMillis(250));
        driver = new ReleaseEngine(client, scheduler, new Actor("sandbox-admin", "tester", "test-host"), fast);
        observer = new ReleaseEngine(client, scheduler, new Actor("wall", "wall", "wall"),
                EngineSettings.defaults().withObserveEvery(Duration.ofMillis(250)));
        FxToolkit.registerPrimaryStage();
        batcher = new FxBatcher(Duration.ofMillis(100), new BusyMeter());
        onFx(() -> {
            wall = new WallScreen(changed -> new WallFeed(observer, List.of(NS), VersionSignals.NONE, scheduler,
                    Clock.systemUTC(), changed), new Connected(), () -> NamespaceSelection.of(NS),
                    () -> "FLIGHTDECK · sandbox · shop", batcher, Clock.systemUTC(), ZoneId.of("UTC")).start();
            wall.open(() -> { });
            batcher.start();
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            batcher.stop();
            wall.close();
            return null;
        });
        FxToolkit.cleanupStages();
        scheduler.shutdownNow();
        client.close();
        cluster.close();
    }

    @Test
    void theWallIsReadOnlyAndShowsAnAbortWithinOneSecondOfItsJournalEntry() throws Exception {
        client.apps().deployments().inNamespace(NS).withName("cart").waitUntilCondition(
                d -> d != null && d.getStatus() != null && RolloutProgress.of(d).complete(), 60, TimeUnit.SECONDS);
        ReleaseHandle h = driver.start(new ReleasePlan(new WorkloadKey(NS, "cart"),
                ReleaseChange.image("app", "registry.shop.example/cart:2.3"), ReleaseStrategy.canary(),
                ReleasePlan.weightedSteps(List.of(25, 100), null)));
        await(30_000, "the release paused at 25 % on the wall", () -> text(WallView.RELEASE_ID).contains("shop/cart")
                && text(WallView.RELEASE_ID).contains("PAUSED") && text(WallView.RELEASE_ID).contains("25 %"));

        List<String> inputs = onFx(() -> {
            List<String> found = new ArrayList<>();
            for (Node node : all(wall.stage().getScene().getRoot())) {
                boolean panelPart = node.getId() != null && (node.getId().startsWith("release-")
                        || node.getId().equals(ReleasePanelView.ID));
                if (node instanceof ButtonBase || node instanceof TextInputControl || node.isFocusTraversable()
                        || node instanceof Control && !(node instanceof Label) || panelPart) {
                    found.add(node.getClass().getSimpleName() + "#" + node.getId());
                }
            }
            return found;
        });
        assertEquals(List.of(), inputs, "no control, nothing focusable, no part of the release panel on the wall");
        robot.press(KeyCode.TAB).release(KeyCode.TAB).press(KeyCode.ENTER).release(KeyCode.ENTER)
                .press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertEquals(Optional.empty(), onFx(() -> Optional.ofNullable(wall.stage().getScene().getFocusOwner())
                .filter(f -> f instanceof Control)), "no key gives a control the focus");

        java.util.concurrent.atomic.AtomicReference<Instant> shown = new java.util.concurrent.atomic.AtomicReference<>();
        onFx(() -> {
            Node banner = wall.stage().getScene().lookup("#" + WallView.BANNER_ID);
            Label headline = (Label) wall.stage().getScene().lookup("#" + WallView.BANNER_HEADLINE_ID);
            Runnable check = () -> {
                if (banner.isVisible() && headline.getText().contains("ABORT")) {
                    shown.compareAndSet(null, Instant.now());
                }
            };
            banner.visibleProperty().addListener((o, was, now) -> check.run());
            headline.textProperty().addListener((o, was, now) -> check.run());
            return null;
        });
        h.abort();
        ReleaseSnapshot aborting = await(h, s -> s.aborting());
        Instant written = aborting.events().stream().filter(e -> e.action().equals("abort")).findFirst()
                .map(ReleaseEvent::time).orElseThrow();
        Instant deadline = written.plusSeconds(1);
        while (shown.get() == null && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        Instant shownAt = shown.get();
        assertNotNull(shownAt, "the abort banner within 1 s of the abort in the journal (at " + written + ")");
        assertTrue(!shownAt.isAfter(deadline), "the abort banner within 1 s of the abort in the journal: "
                + Duration.between(written, shownAt).toMillis() + " ms");
        System.out.println("wall: abort banner shown " + Duration.between(written, shownAt).toMillis()
                + " ms after the abort's journal entry");
        String banner = onFx(() -> text(WallView.BANNER_ID));
        assertTrue(banner.contains("shop/cart") && banner.contains("aborted by sandbox-admin (tester@test-host)")
                && banner.matches("(?s).*at \\d\\d:\\d\\d:\\d\\d.*"), banner);
        h.finished().get(60, TimeUnit.SECONDS);
        assertEquals(ReleasePhase.ABORTED, h.snapshot().phase());
    }

    @Test
    void aRollbackOutsideAReleaseShowsItsBanner() throws Exception {
        var cart = client.apps().deployments().inNamespace(NS).withName("cart");
        cart.waitUntilCondition(d -> d != null && d.getStatus() != null && RolloutProgress.of(d).complete(), 60,
                TimeUnit.SECONDS);
        cart.edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.shop.example/cart:2.3");
            return d;
        });
        cart.waitUntilCondition(d -> d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                && RolloutProgress.of(d).complete(), 60, TimeUnit.SECONDS);
        driver.rollback(new WorkloadKey(NS, "cart"), 1);
        await(10_000, "the rollback's banner on the wall", () -> text(WallView.BANNER_ID).contains("ROLLED BACK")
                && text(WallView.BANNER_ID).contains("cart from revision 2 to revision 1")
                && text(WallView.BANNER_ID).contains("sandbox-admin"));
    }

    private static ReleaseSnapshot await(ReleaseHandle h, java.util.function.Predicate<ReleaseSnapshot> p)
            throws Exception {
        java.util.concurrent.BlockingQueue<ReleaseSnapshot> q = new java.util.concurrent.LinkedBlockingQueue<>();
        h.addListener(q::add);
        ReleaseSnapshot s = h.snapshot();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!p.test(s)) {
            s = q.poll(200, TimeUnit.MILLISECONDS);
            if (s == null) {
                s = h.snapshot();
            }
            if (System.nanoTime() > end) {
                fail("no snapshot matched; last " + s.phase() + " " + s.message());
            }
        }
        return s;
    }

    private String text(String id) {
        Node n = wall.stage().getScene().lookup("#" + id);
        StringBuilder b = new StringBuilder();
        if (n != null) {
            for (Node x : all(n)) {
                if (x instanceof Label l && l.isVisible()) {
                    b.append(l.getText()).append('\n');
                }
            }
        }
        return b.toString();
    }

    private boolean visible(String id) {
        Node n = wall.stage().getScene().lookup("#" + id);
        return n != null && n.isVisible();
    }

    private static List<Node> all(Node root) {
        List<Node> out = new ArrayList<>();
        out.add(root);
        if (root instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(all(c));
            }
        }
        return out;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private void await(long millis, String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(millis, TimeUnit.MILLISECONDS, () -> onFx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            fail("not within " + millis + " ms: " + what + "; the wall shows: " + onFx(() -> text(WallView.ID)));
        }
    }

    /** A cluster state that is connected and has no Deployments (the wall reads releases from the journals). */
    private static final class Connected implements ClusterState {
        @Override
        public long version() {
            return 1;
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
            return new ConnectionStatus(ConnectionStatus.State.CONNECTED, "sandbox", "", Instant.EPOCH);
        }
    }
}
