package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.sandbox.SandboxCluster;

import java.util.Optional;

/**
 * A sandbox cluster running in this process, as the GUI's {@link SandboxStarter} hands it over: where it serves, how
 * a client connects, its metrics endpoint, and its own Prometheus when {@code prometheus} allows one and the binary is
 * installed. Closing it stops the cluster when {@code owned}. Immutable; any thread.
 */
record InProcessSandbox(SandboxCluster cluster, boolean prometheus, boolean owned)
        implements SandboxStarter.RunningSandbox {

    @Override
    public ClusterTarget target() {
        return ClusterTarget.sandboxAt(cluster.masterUrl());
    }

    @Override
    public Config clientConfig() {
        return cluster.clientConfig();
    }

    @Override
    public String metricsUrl() {
        return cluster.metricsUrl();
    }

    @Override
    public Optional<String> startPrometheus() {
        return prometheus ? cluster.startPrometheus() : Optional.empty();
    }

    @Override
    public void close() {
        if (owned) {
            cluster.close();
        }
    }
}
