package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.ui.shell.ShellView;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Opens the real main window headless (Monocle) on fake clusters and reads what it says. */
class FlightdeckAppTest {

    private final FxRobot robot = new FxRobot();
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
        AppContext context = new AppContext(choice, new AppExecutors(), starter);
        app = FxToolkit.setupApplication(() -> new FlightdeckApp(context));
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
    void namesTheKubeconfigContextAndItsServer() throws Exception {
        ClusterTarget target = ClusterTarget.context("kind-flightdeck", "https://127.0.0.1:6443");
        open(new ClusterChoice(target, Optional.of("shop"), "chosen with --context"), SandboxStarter.NOT_WIRED);
        assertEquals("Flightdeck", windowTitle());
        awaitClusterLabel("Cluster: kind-flightdeck (https://127.0.0.1:6443)");
        assertEquals("shop", robot.lookup("#namespace-value").queryAs(Label.class).getText());
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
