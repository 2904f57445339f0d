package io.flightdeck.app;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ClusterChooser} decided, and why, so the window can say so. Immutable.
 *
 * @param target    the cluster to work on
 * @param namespace the namespace to show first; empty means all namespaces
 * @param reason    one sentence for the user, e.g. "no kubeconfig found at /home/me/.kube/config"
 */
public record ClusterChoice(ClusterTarget target, Optional<String> namespace, String reason) {

    public ClusterChoice {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(reason, "reason");
    }
}
