package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flightdeck.model.Actor;
import io.flightdeck.release.Actors;
import io.flightdeck.release.AnalysisHook;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;

import java.util.function.Function;

/**
 * The connection a release subcommand works through: a fabric8 client for a kubeconfig context, or for an
 * in-process sandbox when the context is {@value SandboxCluster#CONTEXT}; the application's executors; and the
 * release engine on their scheduler, made on first use (with the analysis hook of the release's gates, if any). Made
 * and closed on the main thread.
 */
final class ReleaseSession implements AutoCloseable {

    private final SandboxCluster sandbox;
    private final KubernetesClient client;
    private final AppExecutors executors;
    private final Actor actor;
    private final EngineSettings settings;
    private ReleaseEngine engine;
    private final String defaultNamespace;

    private ReleaseSession(SandboxCluster sandbox, Config config, EngineSettings settings) {
        this.sandbox = sandbox;
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.executors = new AppExecutors();
        Actor actor = sandbox != null ? new Actor("sandbox-admin", System.getProperty("user.name"), "sandbox")
                : Actors.detect(config);
        this.actor = actor;
        this.settings = settings;
        this.defaultNamespace = config.getNamespace() == null ? "default" : config.getNamespace();
    }

    /**
     * Connects to the context ({@code null}: the kubeconfig's current one), or starts an in-process sandbox with the
     * shop at {@code sandboxSpeed} for {@value SandboxCluster#CONTEXT}.
     */
    static ReleaseSession open(String context, Function<String, Config> kubeconfig, double sandboxSpeed,
                               EngineSettings settings) {
        if (SandboxCluster.CONTEXT.equals(context)) {
            SandboxCluster cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(sandboxSpeed));
            return new ReleaseSession(cluster, cluster.clientConfig(), settings);
        }
        return new ReleaseSession(null, kubeconfig.apply(context), settings);
    }

    boolean sandbox() {
        return sandbox != null;
    }

    KubernetesClient client() {
        return client;
    }

    ReleaseEngine engine() {
        if (engine == null) {
            engine = new ReleaseEngine(client, executors.scheduler(), actor, settings);
        }
        return engine;
    }

    /**
     * Makes the engine judge analysis steps with {@code hook} from now on; call before starting or resuming a release
     * (an engine used only to read, e.g. {@code inFlight}, is replaced).
     */
    void useAnalysis(AnalysisHook hook) {
        engine = new ReleaseEngine(client, executors.scheduler(), actor, settings.withAnalysis(hook));
    }

    AppExecutors executors() {
        return executors;
    }

    /** The in-process sandbox, or null on a real cluster. */
    SandboxCluster sandboxCluster() {
        return sandbox;
    }

    String defaultNamespace() {
        return sandbox != null ? "shop" : defaultNamespace;
    }

    @Override
    public void close() {
        executors.close();
        client.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
