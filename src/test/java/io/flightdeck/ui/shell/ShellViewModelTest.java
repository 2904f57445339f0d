package io.flightdeck.ui.shell;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShellViewModelTest {

    private final ShellViewModel model = new ShellViewModel();

    @Test
    void contextShowsItsNameAndServer() {
        model.showContext("prod-eu", "https://prod.example.test:6443", Optional.of("shop"), "chosen with --context");
        assertEquals("Flightdeck", model.titleProperty().get());
        assertEquals("Cluster: prod-eu (https://prod.example.test:6443)", model.clusterTextProperty().get());
        assertEquals("shop", model.namespaceTextProperty().get());
        assertEquals("chosen with --context", model.reasonTextProperty().get());
        assertEquals(ClusterBadge.CLUSTER, model.badgeProperty().get());
    }

    @Test
    void sandboxStatesSayWhereItStands() {
        model.showSandboxStarting(Optional.empty(), "no kubeconfig found at /home/me/.kube/config");
        assertEquals("Sandbox: starting…", model.clusterTextProperty().get());
        assertEquals("all namespaces", model.namespaceTextProperty().get());
        assertEquals(ClusterBadge.PENDING, model.badgeProperty().get());

        model.showSandboxServing("https://127.0.0.1:40001", Optional.empty(), "chosen with --sandbox");
        assertEquals("Sandbox: serving at https://127.0.0.1:40001", model.clusterTextProperty().get());
        assertEquals(ClusterBadge.SANDBOX, model.badgeProperty().get());

        model.showSandboxNotStarted("sandbox server not wired yet", Optional.empty(), "chosen with --sandbox");
        assertEquals("Sandbox: not started (sandbox server not wired yet)", model.clusterTextProperty().get());
        assertEquals(ClusterBadge.PROBLEM, model.badgeProperty().get());
    }
}
