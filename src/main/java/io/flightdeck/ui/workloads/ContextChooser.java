package io.flightdeck.ui.workloads;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.NamespaceSelection;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the workloads screen needs from the application to change cluster: the kubeconfig contexts it can offer (plus
 * {@link #SANDBOX}), which one is open, the namespaces it knows, and the switch itself. Implemented by app/, which owns
 * the connections: a switch opens the new one off the FX thread and closes the old one (stopping its informers).
 * Every method is called on the FX thread and must not block.
 */
public interface ContextChooser {

    /** The name under which the built-in sandbox appears among the contexts. */
    String SANDBOX = "Sandbox";

    /** The contexts of the kubeconfig, then {@link #SANDBOX}. */
    List<String> contexts();

    /** The context open now. */
    String currentContext();

    /** The namespaces watched now. */
    NamespaceSelection currentNamespaces();

    /**
     * Namespaces to offer in the selector besides those seen in the cluster state: what the application knows by
     * now (for example from a namespace list it made in the background); may be empty.
     */
    List<String> knownNamespaces();

    /**
     * Opens {@code context} on {@code namespaces}, closing what was open before. The stage completes, on any thread,
     * with the new state once it is connecting (it need not be synced: its {@link ClusterState#connection()} tells),
     * or exceptionally with an error whose message the banner shows.
     */
    CompletionStage<ClusterState> switchTo(String context, NamespaceSelection namespaces);
}
