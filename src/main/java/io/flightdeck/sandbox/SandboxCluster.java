package io.flightdeck.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.server.PodLogSource;
import io.flightdeck.sandbox.server.SandboxApiServer;
import io.flightdeck.sandbox.server.SandboxAuth;
import io.flightdeck.sandbox.sim.AppsDefaults;
import io.flightdeck.sandbox.sim.DeploymentController;
import io.flightdeck.sandbox.sim.EventRecorder;
import io.flightdeck.sandbox.sim.ReplicaSetController;
import io.flightdeck.sandbox.sim.SandboxPrometheus;
import io.flightdeck.sandbox.sim.Kubelet;
import io.flightdeck.sandbox.sim.LogForwarder;
import io.flightdeck.sandbox.sim.PodMetrics;
import io.flightdeck.sandbox.sim.TrafficSimulator;
import io.flightdeck.sandbox.sim.SandboxClock;
import io.flightdeck.sandbox.sim.ServiceController;
import io.flightdeck.sandbox.sim.ShopSeed;
import io.flightdeck.sandbox.sim.SimulatedLogs;
import io.flightdeck.sandbox.store.ObjectStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in demo cluster: the object store, the API server on loopback, and the simulated controllers and kubelet
 * on a shared sandbox clock, optionally seeded with the shop. Started and closed by app wiring and tests; clients
 * reach it only through its URL and kubeconfig, like any cluster.
 */
public final class SandboxCluster implements AutoCloseable {

    public static final String CONTEXT = "sandbox";
    /**
     * The context name of the kubeconfig a sandbox writes ({@link #kubeconfig()}): not {@value #CONTEXT}, which the
     * command line and the app take to mean "start a sandbox in this process", so that {@code --context} can name a
     * sandbox running on its own.
     */
    public static final String KUBECONFIG_CONTEXT = "flightdeck-sandbox";

    private final SandboxOptions options;
    private final SandboxClock clock;
    private final ObjectStore store;
    private final EventRecorder events;
    private final SandboxApiServer server;
    private final SimulatedLogs logs;
    private final ServiceController services;
    private final Kubelet kubelet;
    private final DeploymentController deployments;
    private final ReplicaSetController replicaSets;
    private final PodMetrics metrics = new PodMetrics();
    private final TrafficSimulator traffic;
    private LogForwarder forwarder;
    private SandboxPrometheus prometheus;
    private int port;

    private SandboxCluster(SandboxOptions options) {
        this.options = options;
        this.clock = new SandboxClock(options.speed());
        this.store = new ObjectStore(clock, options.watchHistory());
        this.events = new EventRecorder(store, clock, options.eventsPerNamespace());
        this.logs = new SimulatedLogs(clock);
        this.server = new SandboxApiServer(store, options.controllers() ? logs : PodLogSource.NONE);
        this.services = new ServiceController(store);
        this.kubelet = new Kubelet(store, clock, events);
        this.deployments = new DeploymentController(store, clock, events);
        this.replicaSets = new ReplicaSetController(store, clock, events);
        store.addAdmission(new AppsDefaults());
        this.traffic = new TrafficSimulator(store, clock, metrics);
    }

    public static SandboxCluster start(SandboxOptions options) {
        SandboxCluster c = new SandboxCluster(options);
        c.startAll();
        return c;
    }

    private void startAll() {
        for (String ns : new String[]{"default", "kube-system", "kube-public"}) {
            var o = Json.object();
            Json.metadata(o).put("name", ns);
            store.create(Kinds.NAMESPACE, "", o, false);
        }
        if (options.controllers()) {
            store.setGracefulPods(true);
            store.addAdmission(services.admission());
            services.start();
            kubelet.start();
            replicaSets.start();
            deployments.start();
            try {
                metrics.start(options.metricsPort());
            } catch (IOException e) {
                throw new IllegalStateException("the sandbox's metrics exporter could not listen on 127.0.0.1:"
                        + options.metricsPort() + ": " + e.getMessage(), e);
            }
            metrics.exportRestarts(store);
            server.podProxy((pod, podPort, path) -> path.equals("/metrics")
                    ? java.util.Optional.of(metrics.podText(pod.namespace(), pod.name()))
                    : java.util.Optional.empty());
            traffic.start();
            if (options.forwardTo() != null) {
                int colon = options.forwardTo().lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("forward-to must be host:port, got " + options.forwardTo());
                }
                forwarder = new LogForwarder(store, logs, options.forwardTo().substring(0, colon),
                        Integer.parseInt(options.forwardTo().substring(colon + 1)));
                forwarder.start();
            }
        }
        if (options.seedShop()) {
            ShopSeed.seed(store);
        }
        port = server.start(options.port());
    }

    /**
     * Starts a real Prometheus scraping this sandbox when a {@code prometheus} binary is on the PATH, and returns its
     * URL; empty when there is none (callers then scrape {@link #metricsUrl()} directly). Idempotent.
     */
    public synchronized java.util.Optional<String> startPrometheus() {
        if (prometheus == null) {
            var binary = SandboxPrometheus.binary();
            if (binary.isEmpty() || metricsUrl().isEmpty()) {
                return java.util.Optional.empty();
            }
            try {
                prometheus = SandboxPrometheus.start(binary.get(), java.net.URI.create(metricsUrl()).getAuthority());
            } catch (IOException e) {
                System.getLogger(SandboxCluster.class.getName()).log(System.Logger.Level.WARNING,
                        "could not start prometheus for the sandbox: " + e.getMessage());
                return java.util.Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(prometheus.url());
    }

    /** Where the pods' request metrics are served for Prometheus, or "" when the simulation is off. */
    public String metricsUrl() {
        return metrics.url();
    }

    /** The simulated kubelet, for tests that make a pod fail its probes or crash. */
    public Kubelet kubelet() {
        return kubelet;
    }

    public String masterUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public ObjectStore store() {
        return store;
    }

    public SandboxClock clock() {
        return clock;
    }

    public EventRecorder events() {
        return events;
    }

    public SandboxApiServer server() {
        return server;
    }

    /** A fabric8 configuration for this cluster, as a kubeconfig would give it. */
    public Config clientConfig() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl()).withOauthToken(SandboxAuth.ADMIN_TOKEN)
                .withNamespace("default").withRequestTimeout(10_000).withConnectionTimeout(5_000).build();
    }

    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(clientConfig()).build();
    }

    /** A kubeconfig with one context, {@value #KUBECONFIG_CONTEXT}, pointing at this cluster. */
    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sandbox
                  cluster:
                    server: %s
                users:
                - name: sandbox-admin
                  user:
                    token: %s
                contexts:
                - name: %s
                  context:
                    cluster: sandbox
                    user: sandbox-admin
                    namespace: default
                current-context: %s
                """.formatted(masterUrl(), SandboxAuth.ADMIN_TOKEN, KUBECONFIG_CONTEXT, KUBECONFIG_CONTEXT);
    }

    public void writeKubeconfig(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, kubeconfig());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (prometheus != null) {
                prometheus.close();
            }
        }
        server.close();
        if (forwarder != null) {
            forwarder.close();
        }
        if (options.controllers()) {
            traffic.close();
            metrics.close();
            deployments.close();
            replicaSets.close();
            kubelet.close();
            services.close();
        }
        logs.close();
    }
}
