package io.flightdeck.ui.workloads;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.NamespaceSelection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A context chooser whose switches the test completes (or fails) when it likes, from any thread. */
final class FakeChooser implements ContextChooser {

    record Switch(String context, NamespaceSelection namespaces, CompletableFuture<ClusterState> result) {
    }

    final List<Switch> switches = new ArrayList<>();
    private String current = "kind-dev";
    private NamespaceSelection namespaces = NamespaceSelection.all();

    @Override
    public List<String> contexts() {
        return List.of("kind-dev", "prod-eu", SANDBOX);
    }

    @Override
    public String currentContext() {
        return current;
    }

    @Override
    public NamespaceSelection currentNamespaces() {
        return namespaces;
    }

    @Override
    public List<String> knownNamespaces() {
        return List.of("default", "payments-team");
    }

    @Override
    public CompletionStage<ClusterState> switchTo(String context, NamespaceSelection choice) {
        CompletableFuture<ClusterState> result = new CompletableFuture<>();
        switches.add(new Switch(context, choice, result));
        result.thenAccept(s -> {
            current = context;
            namespaces = choice;
        });
        return result;
    }

    Switch last() {
        return switches.getLast();
    }
}
