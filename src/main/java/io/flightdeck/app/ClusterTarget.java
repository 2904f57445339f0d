package io.flightdeck.app;

import java.util.Objects;

/**
 * The cluster the application works on: a kubeconfig context and its API server, or the built-in sandbox. Immutable.
 *
 * @param name      the kubeconfig context name, or {@value #SANDBOX_NAME}
 * @param masterUrl the API server URL; empty for a sandbox that has not been started yet
 * @param isSandbox whether this is the built-in sandbox
 */
public record ClusterTarget(String name, String masterUrl, boolean isSandbox) {

    public static final String SANDBOX_NAME = "sandbox";

    public ClusterTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(masterUrl, "masterUrl");
    }

    /** A kubeconfig context served at {@code masterUrl}. */
    public static ClusterTarget context(String name, String masterUrl) {
        return new ClusterTarget(name, masterUrl, false);
    }

    /** The sandbox before it is started: no URL yet. */
    public static ClusterTarget sandbox() {
        return new ClusterTarget(SANDBOX_NAME, "", true);
    }

    /** The sandbox serving at {@code masterUrl}. */
    public static ClusterTarget sandboxAt(String masterUrl) {
        return new ClusterTarget(SANDBOX_NAME, masterUrl, true);
    }
}
