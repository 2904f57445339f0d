package io.flightdeck.app;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.cluster.ClusterConnection;
import io.flightdeck.cluster.ClusterSession;
import io.flightdeck.cluster.ClusterState;
import io.flightdeck.cluster.KubeconfigContexts;
import io.flightdeck.model.KubeContext;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.ui.workloads.ContextChooser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The clusters the live screen can show and the one it shows: the kubeconfig's contexts and the in-process sandbox,
 * all behind one {@link ClusterConnection}, which is the screen's {@link ClusterState} for the whole run. As the
 * screen's {@link ContextChooser}, a switch opens a new session on the connection (which closes the old one in the
 * background), starting the sandbox first when it is chosen and not running yet; after each switch the cluster's
 * namespaces are listed in the background for the selector. The chooser methods run on the FX thread; the sandbox's
 * start and the namespace list run on {@link AppExecutors#background()} and call {@code onChange} when they end.
 */
public final class LiveClusters implements ContextChooser, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveClusters.class);

    /** What is open now, for the window's header: context name, API server, namespaces. Immutable. */
    public record Current(String context, String server, NamespaceSelection namespaces, boolean sandbox) {
    }

    private final ClusterConnection connection;
    private final KubeconfigContexts kubeconfig;
    private final SandboxStarter starter;
    private final AppExecutors executors;
    private final Runnable onChange;
    private final List<KubeContext> contexts;
    private final CompletableFuture<SandboxStarter.RunningSandbox> sandboxServing = new CompletableFuture<>();
    private SandboxSession sandbox;
    private volatile Current current = new Current("", "", NamespaceSelection.all(), false);
    private volatile List<String> known = List.of();

    public LiveClusters(ClusterConnection connection, KubeconfigContexts kubeconfig, SandboxStarter starter,
                        AppExecutors executors, Runnable onChange) {
        this.connection = Objects.requireNonNull(connection);
        this.kubeconfig = Objects.requireNonNull(kubeconfig);
        this.starter = Objects.requireNonNull(starter);
        this.executors = Objects.requireNonNull(executors);
        this.onChange = Objects.requireNonNull(onChange);
        this.contexts = readContexts(kubeconfig);
    }

    private static List<KubeContext> readContexts(KubeconfigContexts kubeconfig) {
        try {
            return kubeconfig.exists() ? kubeconfig.contexts() : List.of();
        } catch (RuntimeException e) {
            LOG.warn("Cannot list the contexts of kubeconfig {}: {}", kubeconfig.describe(), e.getMessage());
            return List.of();
        }
    }

    /** Opens what the command line chose: the sandbox or a kubeconfig context, on its namespace or all. */
    public CompletionStage<ClusterState> openFirst(ClusterChoice choice) {
        NamespaceSelection namespaces = choice.namespace().map(NamespaceSelection::of).orElse(NamespaceSelection.all());
        return switchTo(choice.target().isSandbox() ? SANDBOX : choice.target().name(), namespaces);
    }

    @Override
    public List<String> contexts() {
        List<String> names = new ArrayList<>(contexts.stream().map(KubeContext::name).toList());
        names.add(SANDBOX);
        return names;
    }

    @Override
    public String currentContext() {
        return current.context();
    }

    @Override
    public NamespaceSelection currentNamespaces() {
        return current.namespaces();
    }

    @Override
    public List<String> knownNamespaces() {
        return known;
    }

    @Override
    public CompletionStage<ClusterState> switchTo(String context, NamespaceSelection namespaces) {
        if (SANDBOX.equals(context)) {
            startSandbox();
            return sandboxServing.thenApply(running -> {
                connection.open(SANDBOX, running::clientConfig, namespaces);
                opened(new Current(SANDBOX, running.target().masterUrl(), namespaces, true));
                return connection;
            });
        }
        Optional<KubeContext> named = contexts.stream().filter(c -> c.name().equals(context)).findFirst();
        connection.open(context, () -> kubeconfig.config(context), namespaces);
        opened(new Current(context, named.map(KubeContext::server).orElse(""), namespaces, false));
        return CompletableFuture.completedFuture(connection);
    }

    private void opened(Current now) {
        current = now;
        known = List.of();
        onChange.run();
        connection.session().ifPresent(this::listNamespacesOnceSynced);
    }

    private void listNamespacesOnceSynced(ClusterSession session) {
        session.synced().thenRunAsync(() -> {
            Optional<KubernetesClient> client = session.client();
            if (client.isEmpty()) {
                return;
            }
            try {
                known = client.get().namespaces().list().getItems().stream()
                        .map(Namespace::getMetadata).filter(Objects::nonNull).map(m -> m.getName())
                        .filter(Objects::nonNull).sorted().toList();
            } catch (RuntimeException e) {
                LOG.info("Cannot list the namespaces of {}: {}", session.cluster(), e.getMessage());
            }
        }, executors.background());
    }

    private synchronized void startSandbox() {
        if (sandbox == null) {
            sandbox = new SandboxSession(starter, executors, this::sandboxChanged);
            sandbox.start();
        }
    }

    private void sandboxChanged() {
        switch (sandbox().map(SandboxSession::status).orElse(null)) {
            case SandboxSession.Status.Serving s -> sandbox().flatMap(SandboxSession::running)
                    .ifPresent(sandboxServing::complete);
            case SandboxSession.Status.NotStarted s ->
                    sandboxServing.completeExceptionally(new IllegalStateException("the sandbox did not start: "
                            + s.why()));
            case null, default -> {
            }
        }
        onChange.run();
    }

    /** The sandbox, once it was chosen. */
    public synchronized Optional<SandboxSession> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    public Current current() {
        return current;
    }

    public ClusterConnection connection() {
        return connection;
    }

    /** Closes the connection (waiting for its session) and the sandbox; call it off the FX thread if it can be. */
    @Override
    public void close() {
        connection.close();
        sandbox().ifPresent(SandboxSession::close);
    }
}
