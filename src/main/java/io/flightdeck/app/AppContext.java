package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.cluster.KubeconfigContexts;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;

import java.util.Objects;
import java.util.Optional;

/**
 * The hand wiring of the application: what the window works on and the services it uses, built once by
 * {@link Launcher} on the main thread and handed to {@link FlightdeckApp}. Closing it stops the thread pools.
 */
public final class AppContext implements AutoCloseable {

    private final ClusterChoice choice;
    private final AppExecutors executors;
    private final SandboxStarter sandboxStarter;
    private final KubeconfigContexts kubeconfig;
    private final SignalSettings signalSettings;
    private final Optional<LogReceiver> logReceiver;
    private AppSignals signals;

    public AppContext(ClusterChoice choice, AppExecutors executors, SandboxStarter sandboxStarter) {
        this(choice, executors, sandboxStarter, KubeconfigContexts.fromSystem());
    }

    public AppContext(ClusterChoice choice, AppExecutors executors, SandboxStarter sandboxStarter,
                      KubeconfigContexts kubeconfig) {
        this(choice, executors, sandboxStarter, kubeconfig, SignalSettings.NONE, Optional.empty());
    }

    public AppContext(ClusterChoice choice, AppExecutors executors, SandboxStarter sandboxStarter,
                      KubeconfigContexts kubeconfig, SignalSettings signalSettings, Optional<LogReceiver> logReceiver) {
        this.choice = Objects.requireNonNull(choice);
        this.executors = Objects.requireNonNull(executors);
        this.sandboxStarter = Objects.requireNonNull(sandboxStarter);
        this.kubeconfig = Objects.requireNonNull(kubeconfig);
        this.signalSettings = Objects.requireNonNull(signalSettings);
        this.logReceiver = Objects.requireNonNull(logReceiver);
    }

    /** The wiring of the real application for a chosen cluster. */
    public static AppContext create(ClusterChoice choice) {
        return create(choice, SignalSettings.NONE);
    }

    /**
     * The wiring of the real application for a chosen cluster and signal settings: the Fluentd forward receiver is
     * started here, so that the sandbox can forward its pod logs to it.
     */
    public static AppContext create(ClusterChoice choice, SignalSettings signals) {
        Optional<LogReceiver> receiver = LogReceiver.start(signals);
        return new AppContext(choice, new AppExecutors(), defaultSandboxStarter(receiver.map(LogReceiver::hostPort)),
                KubeconfigContexts.fromSystem(), signals, receiver);
    }

    /** How the GUI starts the in-process sandbox: the seeded shop on a real-time clock. */
    static SandboxStarter defaultSandboxStarter() {
        return defaultSandboxStarter(Optional.empty());
    }

    /** The same, forwarding the pods' logs to {@code forwardTo} (host:port) when given. */
    static SandboxStarter defaultSandboxStarter(Optional<String> forwardTo) {
        return executors -> {
            SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withForwardTo(
                    forwardTo.orElse(null)));
            return new InProcessSandbox(cluster, true, true);
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

    /** The signal sources of the window, made on first use. */
    public synchronized AppSignals signals() {
        if (signals == null) {
            signals = new AppSignals(signalSettings, executors, logReceiver);
        }
        return signals;
    }

    /** Where the app receives Fluentd forward logs, e.g. 127.0.0.1:24224; empty when it does not. */
    public Optional<String> logReceiverAddress() {
        return logReceiver.map(LogReceiver::hostPort);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (signals != null) {
                signals.close();
            }
        }
        logReceiver.ifPresent(LogReceiver::close);
        executors.close();
    }
}
