package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the command-line tests share: one test sandbox per class, reached as kubeconfig context "test", a fast engine,
 * and {@link #run} that runs the Launcher with the subcommands of {@link #commands} and keeps its output for
 * {@link #out()} and {@link #err()}.
 */
abstract class SandboxCommandTest {

    static SandboxCluster cluster;
    static KubernetesClient client;
    static final EngineSettings FAST = EngineSettings.defaults().withTick(Duration.ofMillis(50))
            .withLease(Duration.ofSeconds(2), Duration.ofMillis(300));

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startSandbox() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(40));
        client = cluster.newClient();
    }

    @AfterAll
    static void stopSandbox() {
        client.close();
        cluster.close();
    }

    /** The subcommands under test; the release subcommands unless a test class needs more. */
    Commands commands(PrintStream o, PrintStream e, Function<String, Config> kubeconfig) {
        return ReleaseCommand.register(new Commands(), new ReleaseCommand(o, e, kubeconfig, FAST));
    }

    /** Runs the command line and returns its exit code; its output replaces the previous run's. */
    int run(String... args) {
        out.reset();
        err.reset();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Function<String, Config> kubeconfig = context -> {
            assertEquals("test", context);
            return cluster.clientConfig();
        };
        return new Launcher(commands(o, e, kubeconfig), ClusterChooser.fromSystem(), choice -> { }, o, e).run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    String all() {
        return out() + err();
    }

    static String image(String deployment) {
        return client.apps().deployments().inNamespace("shop").withName(deployment).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage();
    }
}
