package io.flightdeck.app;

import io.flightdeck.signals.RealPrometheus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code release --analysis}: signal gates on the command line, against a test sandbox reached as kubeconfig context
 * "test" (measured by direct scrapes through the API server's pod proxy, as on a real cluster without Prometheus)
 * and an in-process sandbox ({@code --context sandbox}, measured by its own Prometheus when one is installed).
 */
class ReleaseGatesCommandTest extends SandboxCommandTest {

    private static void awaitAvailable(String deployment) {
        client.apps().deployments().inNamespace("shop").withName(deployment).waitUntilCondition(d ->
                d.getStatus() != null && d.getSpec().getReplicas().equals(d.getStatus().getAvailableReplicas())
                        && d.getSpec().getReplicas().equals(d.getStatus().getUpdatedReplicas()), 60, TimeUnit.SECONDS);
    }

    private static int journals() {
        return client.configMaps().inNamespace("shop").withLabel("app.kubernetes.io/managed-by", "flightdeck").list()
                .getItems().size();
    }

    private static String release(String deployment, String image) {
        return "release --context test -n shop --deployment " + deployment + " --image registry.shop.example/"
                + deployment + ":" + image + " --strategy canary --steps 50,100 --auto --timeout 3m";
    }

    private int runLine(String line, String... more) {
        String[] a = line.split(" ");
        String[] all = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, all, a.length, more.length);
        return run(all);
    }

    @Test
    void anErroringCanaryFailsItsSuccessRateGateIsRolledBackAndNamesTheGate() {
        awaitAvailable("checkout");
        String before = image("checkout");
        assertEquals(1, runLine(release("checkout", "2.1-errors"), "--analysis", "success-rate", "--interval", "5s"),
                all());
        assertTrue(all().contains("through the API server's pod proxy"), all());
        assertTrue(err().contains("gate success-rate failed: metric \"success-rate\" failed"), err());
        assertTrue(err().matches("(?s).*success-rate#1: FAILED \\[0\\.9\\d*] at .*does not meet result >= 0\\.99.*"),
                err());
        assertTrue(all().contains("aborted: everything is as before"), all());
        assertEquals(before, image("checkout"));
        assertNull(client.apps().deployments().inNamespace("shop").withName("checkout-canary").get());
    }

    @Test
    void anErroringRollingReleaseFailsItsBackgroundAnalysisOnTheNewPodsAndIsRolledBack() {
        awaitAvailable("checkout");
        String before = image("checkout");
        assertEquals(1, run("release", "--context", "test", "-n", "shop", "--deployment", "checkout", "--image",
                "registry.shop.example/checkout:2.1-errors", "--strategy", "rolling", "--steps", "50", "--pause", "2m",
                "--background-analysis", "success-rate", "--interval", "2s", "--auto", "--timeout", "3m"), all());
        assertTrue(all().contains("gates: background success-rate every 2s"), all());
        assertTrue(err().contains("background analysis success-rate failed: metric \"success-rate\" failed"), err());
        assertTrue(err().matches("(?s).*success-rate#1: FAILED \\[0\\.9[0-8]\\d*] at .*"), err());
        assertTrue(all().contains("aborted: everything is as before"), all());
        awaitAvailable("checkout");
        assertEquals(before, image("checkout"));
    }

    @Test
    void aCrashingCanaryFailsItsRestartsGate() {
        awaitAvailable("search");
        String before = image("search");
        assertEquals(1, runLine(release("search", "2.0-crash"), "--analysis", "restarts", "--interval", "2s"), all());
        assertTrue(err().contains("gate restarts failed"), err());
        assertTrue(err().matches("(?s).*restarts#\\d+: FAILED \\[[1-9].*does not meet not \\(result > 0\\).*"), err());
        assertEquals(before, image("search"));
        assertNull(client.apps().deployments().inNamespace("shop").withName("search-canary").get());
    }

    @Test
    void aHealthyCanaryPassesItsGatesAndIsPromotedOnTheInProcessSandbox() {
        assertEquals(0, run("release", "--context", "sandbox", "--sandbox-speed", "40", "--deployment", "payments",
                "--image", "registry.shop.example/payments:1.7", "--strategy", "canary", "--steps", "50,100",
                "--analysis", "success-rate,restarts", "--interval", "2s", "--count", "3", "--auto"), all());
        assertTrue(all().contains(RealPrometheus.available() ? "measured by the sandbox's Prometheus at"
                : "measured by direct scrapes of the sandbox's exporter"), all());
        assertTrue(all().contains("analysis success-rate,restarts weight 50%: measuring"), all());
        assertTrue(all().matches("(?s).*gate success-rate,restarts passed: 6 measurements.*"), all());
        assertTrue(all().contains("succeeded: the new version serves"), all());
    }

    @Test
    void aCrashingCanaryFailsItsRestartsGateMeasuredByTheSandboxPrometheus() {
        assumeTrue(RealPrometheus.available(), "prometheus is not installed");
        assertEquals(1, run("release", "--context", "sandbox", "--sandbox-speed", "40", "--deployment", "catalog",
                "--image", "registry.shop.example/catalog:3.0-crash", "--strategy", "canary", "--steps", "50,100",
                "--analysis", "restarts", "--interval", "2s", "--auto", "--timeout", "3m"), all());
        assertTrue(all().contains("measured by the sandbox's Prometheus at"), all());
        assertTrue(err().matches("(?s).*gate restarts failed.*restarts#\\d+: FAILED \\[[1-9].*"), err());
        assertTrue(all().contains("aborted: everything is as before"), all());
    }

    @Test
    void aGateWithoutDataPausesTheReleaseInsteadOfPromotingIt() throws Exception {
        assumeTrue(RealPrometheus.available(), "prometheus is not installed");
        awaitAvailable("cart");
        String before = image("cart");
        try (RealPrometheus empty = RealPrometheus.start("127.0.0.1:1")) {
            assertEquals(ReleaseFollower.PAUSED_AT_GATE, runLine(release("cart", "9.9"), "--analysis", "success-rate",
                    "--interval", "2s", "--prometheus", empty.url()), all());
            assertTrue(err().contains("paused: gate success-rate inconclusive"), err());
            assertTrue(err().contains("no data"), err());
        }
        assertEquals(0, run("status", "--context", "test", "-n", "shop", "--deployment", "cart"), all());
        assertTrue(all().contains("PAUSED"), all());
        assertEquals(before, image("cart"));

        assertEquals(2, run("promote", "--context", "test", "-n", "shop", "--deployment", "cart", "--analysis",
                "restarts"), all());
        assertTrue(err().contains("the release's analysis steps measure 'success-rate', not 'restarts'"), err());
        assertEquals(0, run("status", "--context", "test", "-n", "shop", "--deployment", "cart"), all());
        assertTrue(all().contains("PAUSED"), "a refused promote changes nothing: " + all());

        assertEquals(0, run("promote", "--context", "test", "-n", "shop", "--deployment", "cart", "--analysis",
                "success-rate", "--interval", "2s", "--auto"), all());
        assertTrue(all().contains("through the API server's pod proxy"), all());
        assertTrue(all().contains("gate success-rate passed"), all());
        assertEquals("registry.shop.example/cart:9.9", image("cart"));
    }

    @Test
    void anInconclusiveBackgroundAnalysisPausesAndPromoteAcceptsIt() throws Exception {
        assumeTrue(RealPrometheus.available(), "prometheus is not installed");
        awaitAvailable("payments");
        try (RealPrometheus empty = RealPrometheus.start("127.0.0.1:1")) {
            assertEquals(ReleaseFollower.PAUSED_AT_GATE, run("release", "--context", "test", "-n", "shop",
                    "--deployment", "payments", "--image", "registry.shop.example/payments:1.8", "--strategy",
                    "rolling", "--steps", "50", "--pause", "30s", "--background-analysis", "success-rate",
                    "--interval", "2s", "--prometheus", empty.url(), "--auto", "--timeout", "3m"), all());
            assertTrue(err().contains("paused: background analysis success-rate inconclusive"), err());
            assertEquals(0, run("promote", "--context", "test", "-n", "shop", "--deployment", "payments",
                    "--background-analysis", "success-rate", "--interval", "2s", "--prometheus", empty.url(),
                    "--auto", "--timeout", "3m"), all());
        }
        assertTrue(all().contains("background analysis success-rate passed"), all());
        assertEquals("registry.shop.example/payments:1.8", image("payments"));
    }

    @Test
    void badGateOptionsAreUsageErrorsThatChangeNothing(@TempDir Path dir) throws Exception {
        int journals = journals();
        String before = image("storefront");
        String line = release("storefront", "3.0");
        assertEquals(2, runLine(line, "--analysis", "success-rate,sucess-rate"));
        assertTrue(err().contains("unknown analysis 'sucess-rate': not a built-in template [success-rate,"), err());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "metrics:\n- name: x\n  successCondition: result >>> 1\n"
                + "  provider: {prometheus: {query: up}}\n");
        assertEquals(2, runLine(line, "--analysis", bad.toString()));
        assertTrue(err().contains(bad + ":3: metric \"x\" successCondition: condition"), err());
        assertEquals(2, runLine(line, "--analysis", "success-rate", "--prometheus", "http://127.0.0.1:1"));
        assertTrue(err().contains("--prometheus http://127.0.0.1:1 does not answer queries"), err());
        assertEquals(2, runLine(line, "--analysis", "success-rate", "--prometheus", "prometheus:9090"));
        assertTrue(err().contains("--prometheus takes an http or https URL"), err());
        assertEquals(2, runLine(line, "--analysis", "success-rate", "--prometheus-token-file", "/nonexistent/token",
                "--prometheus", "http://127.0.0.1:1"));
        assertTrue(err().contains("--prometheus-token-file: cannot read /nonexistent/token"), err());
        assertEquals(2, runLine(line, "--interval", "5s"));
        assertTrue(err().contains("--interval needs --analysis"), err());
        assertEquals(2, runLine(line, "--analysis", "canary-vs-stable"));
        assertTrue(err().contains("canary-vs-stable needs a Prometheus"), err());
        assertEquals(2, runLine(line, "--post-promotion-analysis", "success-rate"));
        assertTrue(err().contains("--post-promotion-analysis runs after a blue/green switch; --strategy canary has"
                + " none: use --background-analysis"), err());
        assertEquals(2, runLine(line.replace("canary", "rolling"), "--background-analysis", "canary-vs-stable"));
        assertTrue(err().contains("canary-vs-stable compares a canary or green Deployment with the stable one; a"
                + " rolling release has neither"), err());
        assertEquals(2, runLine(line.replace("canary", "rolling"), "--background-analysis", "sucess-rate"));
        assertTrue(err().contains("--background-analysis: unknown analysis 'sucess-rate'"), err());
        assertEquals(2, runLine(line.replace("50,100", "50,analysys,100"), "--analysis", "success-rate"));
        assertTrue(err().contains("e.g. 10,analysis,50,analysis,100"), err());
        cluster.server().rbac().deny("get:pods/proxy:shop");
        try {
            assertEquals(2, runLine(line, "--analysis", "success-rate"));
            assertTrue(err().contains("through the API server's pod proxy, which failed: cannot get pods/proxy in shop:"
                    + " forbidden"), err());
        } finally {
            cluster.server().rbac().clear();
        }
        assertEquals(journals, journals(), "no release was started");
        assertEquals(before, image("storefront"));
        assertNull(client.apps().deployments().inNamespace("shop").withName("storefront-canary").get());
    }

    @Test
    void gatedStepsFollowEachWeightOrGoWhereStepsPutThem() throws UsageException {
        assertEquals("[setWeight 10, analysis a, setWeight 50, analysis a, setWeight 100]",
                GatedSteps.of("canary", "10,50,100", null, "a").toString());
        assertEquals("[setWeight 10, pause 30s, analysis a, setWeight 100]",
                GatedSteps.of("canary", "10,100", Duration.ofSeconds(30), "a").toString());
        assertEquals("[setWeight 10, setWeight 50, analysis a, setWeight 100]",
                GatedSteps.of("canary", "10,50,analysis,100", null, "a").toString());
        assertEquals("[analysis a]", GatedSteps.of("bluegreen", null, null, "a").toString());
        assertEquals("[setWeight 50, analysis a, setWeight 100]",
                GatedSteps.of("rolling", "50,100", null, "a").toString());
    }
}
