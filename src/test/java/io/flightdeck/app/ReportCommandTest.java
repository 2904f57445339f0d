package io.flightdeck.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flightdeck report} through the Launcher against a test sandbox (kubeconfig context "test"): a canary is
 * started and aborted with the release subcommands, then exported from its journal as HTML and JSON.
 */
class ReportCommandTest {

    static SandboxCluster cluster;
    static KubernetesClient client;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(40));
        client = cluster.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        EngineSettings fast = EngineSettings.defaults().withTick(Duration.ofMillis(50))
                .withLease(Duration.ofSeconds(2), Duration.ofMillis(300));
        Commands commands = ReleaseCommand.register(new Commands(), new ReleaseCommand(o, e,
                context -> cluster.clientConfig(), fast));
        ReportCommand.register(commands, new ReportCommand(o, e, context -> cluster.clientConfig(), fast));
        return new Launcher(commands, ClusterChooser.fromSystem(), choice -> { }, o, e).run(args);
    }

    @Test
    void exportsAnAbortedReleaseAsHtmlAndJson(@TempDir Path dir) throws Exception {
        client.apps().deployments().inNamespace("shop").withName("payments").waitUntilCondition(
                d -> d != null && d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
                        && d.getStatus().getAvailableReplicas().equals(d.getSpec().getReplicas()), 60, TimeUnit.SECONDS);
        assertEquals(0, run("release", "--context", "test", "--namespace", "shop", "--deployment", "payments",
                "--image", "registry.shop.example/payments:1.7", "--strategy", "canary", "--steps", "50,100"),
                err.toString());
        assertEquals(0, run("abort", "--context", "test", "--namespace", "shop", "--deployment", "payments"),
                err.toString());
        Path html = dir.resolve("payments.html");
        Path json = dir.resolve("payments.json");
        assertEquals(0, run("report", "--context", "test", "--namespace", "shop", "--deployment", "payments",
                "--html", html.toString(), "--json", json.toString()), err.toString());
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(json));
        assertEquals("ABORTED", report.path("outcome").path("phase").asString());
        assertEquals("payments", report.path("target").path("deployment").asString());
        assertTrue(report.path("actions").size() > 5, report.path("actions").toString());
        assertTrue(Files.readString(html).contains("id=\"steps\"") && Files.readString(html).contains("set weight 50%"));
        assertTrue(out.toString().contains("written to " + html), out.toString());

        assertEquals(1, run("report", "--context", "test", "--namespace", "shop", "--release", "nope"));
        assertTrue(err.toString().contains("no release nope in shop"), err.toString());
        assertEquals(2, run("report", "--context", "test"));
        assertTrue(err.toString().contains("report needs either --release ID or --deployment D"), err.toString());
    }
}
