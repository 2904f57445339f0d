package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flightdeck report} through the Launcher against a test sandbox (kubeconfig context "test"): a canary is
 * started and aborted with the release subcommands, then exported from its journal as HTML and JSON.
 */
class ReportCommandTest extends SandboxCommandTest {

    @Override
    Commands commands(PrintStream o, PrintStream e, Function<String, Config> kubeconfig) {
        Commands commands = super.commands(o, e, context -> cluster.clientConfig());
        return ReportCommand.register(commands, new ReportCommand(o, e, context -> cluster.clientConfig(), FAST));
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
