package io.flightdeck.app;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release subcommands through the Launcher: against a test sandbox reached as kubeconfig context "test", and
 * against an in-process sandbox with {@code --context sandbox}.
 */
class ReleaseCommandTest extends SandboxCommandTest {

    @Test
    void releaseWithAutoOnTheInProcessSandboxRunsToTheEnd() {
        int code = run("release", "--context", "sandbox", "--sandbox-speed", "40", "--deployment", "checkout",
                "--image", "registry.shop.example/checkout:2.1", "--strategy", "canary", "--steps", "50,100",
                "--auto");
        assertEquals(0, code, out() + err());
        assertTrue(out().contains("(in-process sandbox)"), out());
        assertTrue(out().contains("weight 50%"), out());
        assertTrue(out().contains("succeeded: the new version serves"), out());
    }

    @Test
    void withoutAutoAReleaseStopsAtItsPauseThenPromoteStatusAndAbortDriveIt() {
        client.apps().deployments().inNamespace("shop").withName("cart")
                .waitUntilCondition(d -> d.getStatus() != null && Integer.valueOf(4)
                        .equals(d.getStatus().getAvailableReplicas()), 60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, run("release", "--context", "test", "-n", "shop", "--deployment", "cart", "--image",
                "registry.shop.example/cart:2.3", "--strategy", "canary", "--steps", "25,100"), err());
        assertTrue(out().contains("is paused at step"), out());
        assertEquals(0, run("status", "--context", "test", "--namespace", "shop"), err());
        assertTrue(out().contains("shop/cart") && out().contains("PAUSED"), out());
        assertEquals(0, run("promote", "--context", "test", "--namespace", "shop", "--deployment", "cart"), err());
        assertTrue(out().contains("succeeded"), out());
        assertEquals("registry.shop.example/cart:2.3", image("cart"));

        assertEquals(0, run("release", "--context", "test", "-n", "shop", "--deployment", "cart", "--image",
                "registry.shop.example/cart:2.4", "--strategy", "bluegreen", "--preview-service", "cart-preview"),
                err());
        assertTrue(out().contains("is paused at step"), out());
        assertEquals(0, run("abort", "--context", "test", "--namespace", "shop", "--deployment", "cart"), err());
        assertTrue(out().contains("aborted: everything is as before"), out());
        assertEquals("registry.shop.example/cart:2.3", image("cart"));
        assertNull(client.services().inNamespace("shop").withName("cart-preview").get());
        assertEquals(0, run("status", "--context", "test", "--namespace", "shop"));
        assertTrue(out().contains("no release in flight in shop"), out());
    }

    @Test
    void failuresExitNonZeroWithAMessage() {
        assertEquals(1, run("rollback", "--context", "test", "-n", "shop", "--deployment", "search",
                "--to-revision", "42"));
        assertTrue(err().contains("unable to find specified revision 42 in history"), err());
        assertEquals(1, run("abort", "--context", "test", "-n", "shop", "--deployment", "search"));
        assertTrue(err().contains("no release in flight on shop/search"), err());
        cluster.server().rbac().deny("patch:deployments:shop");
        try {
            assertEquals(1, run("release", "--context", "test", "-n", "shop", "--deployment", "search", "--image",
                    "registry.shop.example/search:2.0", "--strategy", "rolling", "--auto"));
            assertTrue(err().contains("missing permissions: patch deployments.apps in shop"), err());
        } finally {
            cluster.server().rbac().clear();
        }
        assertEquals("registry.shop.example/search:1.9", image("search"));
    }

    @Test
    void aFailingVersionWithAutoIsRolledBackAndExitsOne() {
        assertEquals(1, run("release", "--context", "test", "-n", "shop", "--deployment", "payments", "--image",
                "registry.shop.example/payments:1.7-noready", "--strategy", "bluegreen", "--auto", "--timeout",
                "2m"), out());
        assertTrue(err().contains("failed and was rolled back"), err());
        assertEquals("registry.shop.example/payments:1.6", image("payments"));
    }

    @Test
    void aBadCommandLineIsAUsageError() {
        assertEquals(2, run("release", "--context", "test", "--deployment", "cart", "--image", "x:1",
                "--strategy", "linear"));
        assertTrue(err().contains("--strategy is rolling, bluegreen or canary"), err());
        assertEquals(2, run("release", "--deployment", "cart"));
        assertTrue(err().contains("--image is required"), err());
        assertEquals(2, run("rollback", "--deployment", "cart", "--to-revision", "two"));
        assertThrows(UsageException.class, () -> ReleaseCommand.steps("bluegreen", java.util.List.of(50), null,
                false));
    }
}
