package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Follows the logs of a Deployment's pods through the API server ({@code pods/NAME/log?follow=true}), the stable
 * Deployment's and those of its {@code -canary} / {@code -green} version alike: every {@code rescan} it lists the
 * pods the app's selector matches (without the track label), starts a follow for each new running container (the last
 * {@code tailLines} first) and stops those of pods that are gone. Each line goes to the sink with its pod's
 * namespace, name, container and labels. Listing runs on the given scheduler; each follow reads on its own virtual
 * thread; the sink is called on those threads and must be thread-safe.
 */
public final class PodLogFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodLogFollower.class);
    private static final String TRACK = "flightdeck.io/track";

    /** One line of a pod's log as the API served it. */
    public record PodLine(Instant received, String namespace, String pod, String container,
                          Map<String, String> labels, String text) {
    }

    /** Receives the lines; called on reader threads. */
    @FunctionalInterface
    public interface Sink {
        void line(PodLine line);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String app;
    private final int tailLines;
    private final Sink sink;
    private final Map<String, LogWatch> follows = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> scanning;
    private volatile boolean closed;
    private volatile String problem = "";

    public PodLogFollower(KubernetesClient client, String namespace, String app, int tailLines, Sink sink,
                          ScheduledExecutorService scheduler, java.time.Duration rescan) {
        this.client = client;
        this.namespace = namespace;
        this.app = app;
        this.tailLines = tailLines;
        this.sink = sink;
        this.scanning = scheduler.scheduleWithFixedDelay(this::scanSafely, 0, rescan.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Why following does not work right now ("" when it does), e.g. the Deployment is gone or RBAC refuses. */
    public String problem() {
        return problem;
    }

    /** How many containers are followed now. */
    public int following() {
        return follows.size();
    }

    private void scanSafely() {
        try {
            scan();
            problem = "";
        } catch (RuntimeException e) {
            problem = "cannot follow the pod logs of " + namespace + "/" + app + ": " + e.getMessage();
            LOG.debug(problem, e);
        }
    }

    private void scan() {
        if (closed) {
            return;
        }
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(app).get();
        if (d == null || d.getSpec() == null || d.getSpec().getSelector() == null) {
            problem = "no Deployment " + namespace + "/" + app;
            return;
        }
        Map<String, String> selector = new HashMap<>(d.getSpec().getSelector().getMatchLabels() == null ? Map.of()
                : d.getSpec().getSelector().getMatchLabels());
        selector.remove(TRACK);
        List<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
        Set<String> live = ConcurrentHashMap.newKeySet();
        for (Pod p : pods) {
            String owner = deploymentOf(p);
            boolean ours = owner.equals(app) || owner.equals(app + "-canary") || owner.equals(app + "-green");
            if (!ours || p.getMetadata().getDeletionTimestamp() != null || p.getStatus() == null
                    || !"Running".equals(p.getStatus().getPhase())) {
                continue;
            }
            for (Container c : p.getSpec().getContainers()) {
                String key = p.getMetadata().getName() + "/" + c.getName();
                live.add(key);
                follows.computeIfAbsent(key, k -> start(p, c.getName()));
            }
        }
        follows.entrySet().removeIf(e -> {
            if (!live.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** The Deployment that owns a pod, by its name: {@code <deployment>-<pod-template-hash>-<suffix>}. */
    static String deploymentOf(Pod p) {
        String name = p.getMetadata().getName();
        String hash = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get("pod-template-hash");
        int dash = name.lastIndexOf('-');
        String rs = dash > 0 ? name.substring(0, dash) : name;
        return hash != null && rs.endsWith("-" + hash) ? rs.substring(0, rs.length() - hash.length() - 1) : rs;
    }

    private LogWatch start(Pod p, String container) {
        String pod = p.getMetadata().getName();
        Map<String, String> labels = Map.copyOf(p.getMetadata().getLabels() == null ? Map.of()
                : new LinkedHashMap<>(p.getMetadata().getLabels()));
        LogWatch w = client.pods().inNamespace(namespace).withName(pod).inContainer(container).tailingLines(tailLines)
                .watchLog();
        Thread.ofVirtual().name("pod-log-" + pod).start(() -> read(w, pod, container, labels));
        return w;
    }

    private void read(LogWatch w, String pod, String container, Map<String, String> labels) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(w.getOutput(), StandardCharsets.UTF_8))) {
            String line;
            while (!closed && (line = in.readLine()) != null) {
                sink.line(new PodLine(Instant.now(), namespace, pod, container, labels, line));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Log of {}/{} ended: {}", pod, container, e.toString());
        } finally {
            follows.remove(pod + "/" + container, w);
        }
    }

    @Override
    public void close() {
        closed = true;
        scanning.cancel(false);
        follows.values().forEach(LogWatch::close);
        follows.clear();
    }
}
