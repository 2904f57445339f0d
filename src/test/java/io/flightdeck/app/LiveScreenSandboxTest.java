package io.flightdeck.app;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.cluster.KubeconfigContexts;
import io.flightdeck.model.Health;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.ui.workloads.PodCell;
import io.flightdeck.ui.workloads.PodGroup;
import io.flightdeck.ui.workloads.RevisionRow;
import io.flightdeck.ui.workloads.WorkloadHeader;
import io.flightdeck.ui.workloads.WorkloadsScreen;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole app, headless, on the real sandbox at ten times real speed: the workloads screen shows shop/checkout's
 * pods; a pod made to fail readiness is painted not ready within 2 s; a new image on storefront (through fabric8)
 * shows a new revision, progressing until it completes; a forbidden namespace shows the forbidden banner.
 */
class LiveScreenSandboxTest {

    private static final WorkloadKey CHECKOUT = new WorkloadKey("shop", "checkout");
    private static final WorkloadKey STOREFRONT = new WorkloadKey("shop", "storefront");

    private final FxRobot robot = new FxRobot();
    private final AtomicReference<SandboxCluster> cluster = new AtomicReference<>();
    private FlightdeckApp app;
    private WorkloadsScreen screen;
    @TempDir
    Path tmp;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        SandboxStarter starter = executors -> {
            SandboxCluster started = SandboxCluster.start(SandboxOptions.defaults().withSpeed(10));
            cluster.set(started);
            return new SandboxStarter.RunningSandbox() {
                @Override
                public ClusterTarget target() {
                    return ClusterTarget.sandboxAt(started.masterUrl());
                }

                @Override
                public Config clientConfig() {
                    return started.clientConfig();
                }

                @Override
                public void close() {
                    started.close();
                }
            };
        };
        AppContext context = new AppContext(new ClusterChoice(ClusterTarget.sandbox(), Optional.empty(), "test"),
                new AppExecutors(), starter, KubeconfigContexts.forFile(tmp.resolve("none")));
        Application started = FxToolkit.setupApplication(() -> new FlightdeckApp(context));
        app = (FlightdeckApp) started;
        await(60_000, "the workloads screen on the sandbox's shop", () -> app.screen() != null
                && app.screen().model().list().visibleKeys().contains(CHECKOUT));
        screen = app.screen();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
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

    private void select(String name) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write(name);
        robot.type(KeyCode.ENTER);
        await(5000, name + " selected", () -> {
            WorkloadKey key = screen.model().list().selectedProperty().get();
            return key != null && key.name().equals(name);
        });
    }

    private List<PodCell> cells() {
        return screen.model().grid().groupsProperty().get().stream().flatMap(g -> g.cells().stream()).toList();
    }

    @Test
    void checkoutsPodsShowAndAPodFailingReadinessIsPaintedNotReadyWithinTwoSeconds() throws Exception {
        select("checkout");
        await(60_000, "three ready checkout pods painted", () -> cells().size() == 3 && cells().stream()
                .allMatch(c -> screen.view().grid().paintedCell(c.name()).map(PodCell::ready).orElse(false)));
        String pod = onFx(() -> cells().get(1).name());

        long start = System.nanoTime();
        cluster.get().kubelet().failReadiness("shop", pod, true);
        await(2000, pod + " painted not ready", () -> screen.view().grid().paintedCell(pod)
                .map(c -> !c.ready()).orElse(false));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("failReadiness to painted not ready: " + ms + " ms");
        assertTrue(ms < 2000);
    }

    @Test
    void aNewImageOnStorefrontShowsANewRevisionProgressingUntilComplete() throws Exception {
        select("storefront");
        await(60_000, "storefront healthy on revision 1", () -> header() != null
                && header().health() == Health.HEALTHY && revisions().size() == 1);
        AtomicBoolean sawProgressing = new AtomicBoolean();
        try (KubernetesClient client = cluster.get().newClient()) {
            client.apps().deployments().inNamespace("shop").withName("storefront").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().getFirst()
                        .setImage("registry.shop.example/storefront:3.5");
                return d;
            });
        }
        await(10_000, "revision 2 listed first", () -> {
            if (header() != null && header().health() == Health.PROGRESSING) {
                sawProgressing.set(true);
            }
            return revisions().size() == 2 && revisions().getFirst().number() == 2
                    && revisions().getFirst().tag().equals("3.5");
        });
        await(120_000, "the rollout completes", () -> {
            if (header().health() == Health.PROGRESSING) {
                sawProgressing.set(true);
            }
            List<PodGroup> groups = screen.model().grid().groupsProperty().get();
            return header().health() == Health.HEALTHY && groups.size() == 1 && groups.getFirst().revision() == 2
                    && groups.getFirst().cells().size() == 8 && groups.getFirst().cells().stream()
                    .allMatch(PodCell::ready);
        });
        assertTrue(sawProgressing.get(), "progressing was shown during the rollout");
        RevisionRow newest = onFx(() -> revisions().getFirst());
        assertEquals(8, newest.ready());
    }

    @Test
    void aForbiddenNamespaceShowsTheForbiddenBannerAndTheRestStillShows() throws Exception {
        try (KubernetesClient client = cluster.get().newClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                    .withName("payments").endMetadata().build()).create();
        }
        cluster.get().server().rbac().deny("list:pods:payments");
        onFx(() -> {
            screen.model().contextBar().requestNamespaces(NamespaceSelection.of("shop", "payments"));
            return null;
        });
        String expected = "Forbidden on Sandbox: list pods in namespace payments — what is allowed is still shown";
        await(30_000, "forbidden banner", () -> expected.equals(screen.model().banner().bannerProperty().get()
                .text()));
        await(10_000, "shop still listed", () -> screen.model().list().visibleKeys().contains(CHECKOUT));
    }

    private WorkloadHeader header() {
        return screen.model().headerProperty().get();
    }

    private List<RevisionRow> revisions() {
        return screen.model().revisions().rows();
    }
}
