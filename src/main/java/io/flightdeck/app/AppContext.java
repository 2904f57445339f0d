package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.cluster.KubeconfigContexts;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;

import java.util.Objects;

/**
 * The hand wiring of the application: what the window works on and the services it uses, built once by
 * {@link Launcher} on the main thread and handed to {@link FlightdeckApp}. Closing it stops the thread pools.
 */
public final class AppContext implements AutoCloseable {

    private final ClusterChoice choice;
    private final AppExecutors executors;
    private final SandboxStarter sandboxStarter;
    private final KubeconfigContexts kubeconfig;

    public AppContext(ClusterChoice choice, AppExecutors executors, SandboxStarter sandboxStarter) {
        this(choice, executors, sandboxStarter, KubeconfigContexts.fromSystem());
    }

    public AppContext(ClusterChoice choice, AppExecutors executors, SandboxStarter sandboxStarter,
                      KubeconfigContexts kubeconfig) {
        this.choice = Objects.requireNonNull(choice);
        this.executors = Objects.requireNonNull(executors);
        this.sandboxStarter = Objects.requireNonNull(sandboxStarter);
        this.kubeconfig = Objects.requireNonNull(kubeconfig);
    }

    /** The wiring of the real application for a chosen cluster. */
    public static AppContext create(ClusterChoice choice) {
        return new AppContext(choice, new AppExecutors(), defaultSandboxStarter());
    }

    /** How the GUI starts the in-process sandbox: the seeded shop on a real-time clock. */
    static SandboxStarter defaultSandboxStarter() {
        return executors -> {
            SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults());
            return new SandboxStarter.RunningSandbox() {
                @Override
                public ClusterTarget target() {
                    return ClusterTarget.sandboxAt(cluster.masterUrl());
                }

                @Override
                public Config clientConfig() {
                    return cluster.clientConfig();
                }

                @Override
                public void close() {
                    cluster.close();
                }
            };
        };
    }

    public ClusterChoice choice() {
        return choice;
    }

    public AppExecutors executors() {
        return executors;
    }

    public SandboxStarter sandboxStarter() {
        return sandboxStarter;
    }

    /** The kubeconfig whose contexts the context selector offers. */
    public KubeconfigContexts kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        executors.close();
    }
}
