package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.ui.shell.ShellView;
import javafx.application.Application;
import io.flightdeck.cluster.KubeconfigContexts;
import io.flightdeck.ui.workloads.ConnectionBannerView;
import io.flightdeck.ui.workloads.ContextBarView;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Opens the real main window headless (Monocle) on fake clusters and reads what it says. */
class FlightdeckAppTest {

    private final FxRobot robot = new FxRobot();
    @TempDir
    Path tmp;
    private Application app;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private void open(ClusterChoice choice, SandboxStarter starter) throws Exception {
        open(new AppContext(choice, new AppExecutors(), starter, KubeconfigContexts.forFile(tmp.resolve("none"))));
    }

    private void open(AppContext context) throws Exception {
        app = FxToolkit.setupApplication(() -> new FlightdeckApp(context));
    }

    /** A kubeconfig whose one context, kind-flightdeck, points at a port where nothing listens. */
    private Path closedPortKubeconfig(int port) throws Exception {
        Path file = tmp.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kind
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: kind-flightdeck
                  context:
                    cluster: kind
                    user: me
                    namespace: shop
                current-context: kind-flightdeck
                users:
                - name: me
                  user:
                    token: not-a-secret
                """.formatted(port));
        return file;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String lookupText(String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).tryQuery()
                .map(n -> n instanceof Labeled l ? l.getText() : "").orElse(null)).get(5, TimeUnit.SECONDS);
    }

    private String windowTitle() throws Exception {
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        return WaitForAsyncUtils.asyncFx(stage::getTitle).get(5, TimeUnit.SECONDS);
    }

    private String clusterLabel() {
        return robot.lookup("#" + ShellView.CLUSTER_LABEL_ID).queryAs(Label.class).getText();
    }

    private void awaitClusterLabel(String expected) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> expected.equals(clusterLabel()));
        } catch (TimeoutException e) {
            assertEquals(expected, clusterLabel());
        }
    }

    @Test
    void aContextOnAClosedPortShowsTheScreenWithUnreachableAndTheAddress() throws Exception {
        int port = closedPort();
        ClusterTarget target = ClusterTarget.context("kind-flightdeck", "http://127.0.0.1:" + port);
        open(new AppContext(new ClusterChoice(target, Optional.of("shop"), "chosen with --context"),
                new AppExecutors(), SandboxStarter.NOT_WIRED, KubeconfigContexts.forFile(closedPortKubeconfig(port))));
        assertEquals("Flightdeck", windowTitle());
        awaitClusterLabel("Cluster: kind-flightdeck (http://127.0.0.1:" + port + ")");
        String unreachable = "kind-flightdeck is unreachable: cannot reach http://127.0.0.1:" + port
                + ": connection refused by 127.0.0.1:" + port + " (nothing listens there)";
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> unreachable.equals(lookupText("#" + ConnectionBannerView.TEXT_ID)));
        } catch (TimeoutException e) {
            assertEquals(unreachable, lookupText("#" + ConnectionBannerView.TEXT_ID));
        }
        assertEquals("shop", lookupText("#" + ContextBarView.NAMESPACES_ID));
        assertEquals(List.of("kind-flightdeck", "Sandbox"), WaitForAsyncUtils.asyncFx(() -> robot
                .lookup("#" + ContextBarView.CONTEXT_ID).queryAs(ComboBox.class).getItems().stream()
                .map(Object::toString).toList()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void saysHonestlyThatTheSandboxIsNotWiredYet() throws Exception {
        open(new ClusterChoice(ClusterTarget.sandbox(), Optional.empty(), "no kubeconfig found"),
                SandboxStarter.NOT_WIRED);
        assertEquals("Flightdeck", windowTitle());
        awaitClusterLabel("Sandbox: not started (sandbox server not wired yet)");
    }

    @Test
    void showsWhereAStartedSandboxServes() throws Exception {
        SandboxStarter fake = executors -> new SandboxStarter.RunningSandbox() {
            @Override
            public ClusterTarget target() {
                return ClusterTarget.sandboxAt("https://127.0.0.1:40001");
            }

            @Override
            public Config clientConfig() {
                return Config.empty();
            }

            @Override
            public void close() {
            }
        };
        open(new ClusterChoice(ClusterTarget.sandbox(), Optional.empty(), "chosen with --sandbox"), fake);
        awaitClusterLabel("Sandbox: serving at https://127.0.0.1:40001");
    }
}
