package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import tools.jackson.databind.JsonNode;

/**
 * The part of kube-state-metrics the restarts gate needs, on the sandbox's exporter:
 * {@code kube_pod_container_status_restarts_total} with kube-state-metrics' labels (namespace, pod, container, uid),
 * read from the restart counts the simulated kubelet writes into each pod's status. Computed on each scrape, on the
 * exporter's thread, from the store's current objects.
 */
final class KubeStateMetrics {

    static final String RESTARTS = "kube_pod_container_status_restarts_total";

    private KubeStateMetrics() {
    }

    static void register(PodMetrics metrics, ObjectStore store) {
        CounterWithCallback.builder().name(RESTARTS)
                .help("The number of container restarts per container.")
                .labelNames("namespace", "pod", "container", "uid")
                .callback(cb -> {
                    for (Stored pod : store.all(Kinds.POD, null)) {
                        for (JsonNode cs : pod.object().path("status").path("containerStatuses")) {
                            cb.call(cs.path("restartCount").asInt(0), pod.namespace(), pod.name(),
                                    cs.path("name").asString(), pod.uid());
                        }
                    }
                }).register(metrics.registry());
    }
}
