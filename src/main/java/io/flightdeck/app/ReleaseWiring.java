package io.flightdeck.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.cluster.ClusterSession;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.Actors;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.ui.release.ReleaseWindows;
import io.flightdeck.ui.signals.EngineReleaseLookup;
import io.flightdeck.ui.signals.ReleaseLookup;
import io.flightdeck.ui.fx.FxBatcher;
import javafx.application.Platform;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The GUI's release engine on the cluster open now (made again after a context switch), gated by the signals
 * ({@link AppSignals#analysisHook()}), with the release windows over it and the lookup of the release in flight that
 * the signals panel shows. {@link #openWizard} and {@link #openTimeline} run on the FX thread; {@link #lookup()} is
 * asked on the signals threads; the engine is made under this object's lock.
 */
final class ReleaseWiring implements AutoCloseable {

    private final LiveClusters clusters;
    private final AppExecutors executors;
    private final AppSignals signals;
    private final FxBatcher batcher;
    private KubernetesClient client;
    private ReleaseEngine engine;
    private ReleaseWindows windows;
    private EngineReleaseLookup inFlight;

    ReleaseWiring(LiveClusters clusters, AppExecutors executors, AppSignals signals, FxBatcher batcher) {
        this.clusters = clusters;
        this.executors = executors;
        this.signals = signals;
        this.batcher = batcher;
    }

    /** The engine of the client open now, made when the client changed; empty while no cluster is open. */
    private synchronized Optional<ReleaseEngine> engine() {
        Optional<KubernetesClient> now = clusters.connection().session().flatMap(ClusterSession::client);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (client != now.get()) {
            client = now.get();
            engine = new ReleaseEngine(client, executors.scheduler(), Actors.detect(client.getConfiguration()),
                    EngineSettings.defaults().withAnalysis(signals.analysisHook()));
            windows = new ReleaseWindows(engine, executors.background(), batcher);
            if (inFlight != null) {
                inFlight.close();
            }
            inFlight = new EngineReleaseLookup(engine);
        }
        return Optional.of(engine);
    }

    /** The release in flight on a Deployment of the cluster open now. */
    ReleaseLookup lookup() {
        return target -> {
            EngineReleaseLookup l;
            synchronized (this) {
                if (engine().isEmpty()) {
                    return Optional.<ReleaseSnapshot>empty();
                }
                l = inFlight;
            }
            return l.inFlight(target);
        };
    }

    /** Opens the release wizard for a Deployment, its container name read in the background. FX thread. */
    void openWizard(WorkloadKey key, Window owner) {
        if (engine().isEmpty()) {
            return;
        }
        ReleaseWindows wizards;
        KubernetesClient kube;
        synchronized (this) {
            wizards = windows;
            kube = client;
        }
        String image = clusters.connection().detail(key).map(d -> d.workload().image()).orElse(null);
        CompletableFuture.supplyAsync(() -> {
            var d = kube.apps().deployments().inNamespace(key.namespace()).withName(key.name()).get();
            return d != null && d.getSpec().getTemplate().getSpec().getContainers().size() == 1
                    ? d.getSpec().getTemplate().getSpec().getContainers().get(0).getName() : "";
        }, executors.background()).exceptionally(e -> "")
                .thenAcceptAsync(container -> wizards.openWizard(owner, key, container, image), Platform::runLater);
    }

    /** Opens the timeline of a Deployment: revisions, release events from the journals, roll back. FX thread. */
    void openTimeline(WorkloadKey key, Window owner) {
        if (engine().isEmpty()) {
            return;
        }
        ReleaseWindows timelines;
        KubernetesClient kube;
        synchronized (this) {
            timelines = windows;
            kube = client;
        }
        timelines.openTimeline(owner, key, kube);
    }

    @Override
    public synchronized void close() {
        if (inFlight != null) {
            inFlight.close();
        }
    }
}
