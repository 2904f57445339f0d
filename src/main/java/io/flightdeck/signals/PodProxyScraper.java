package io.flightdeck.signals;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The direct-scrape targets of a real cluster: lists a workload's pods (namespace and label selector) with fabric8
 * and scrapes each running pod's metrics through the API server's pod proxy
 * ({@code /api/v1/namespaces/NS/pods/NAME[:PORT]/proxy/metrics}), adding the target labels Prometheus' Kubernetes
 * discovery would (namespace, pod, deployment, track, pod_template_hash) where the app does not export them. The
 * pods' restart counts from their status become {@code kube_pod_container_status_restarts_total} with
 * kube-state-metrics' labels (namespace, pod, container, uid), so the restarts template works without it. The port
 * is the container port named {@code metrics} or {@code http-metrics}, else the {@code prometheus.io/port}
 * annotation, else the pod's default; the path is {@code prometheus.io/path} or {@code /metrics}. Called on the
 * signals scheduler; blocking.
 */
final class PodProxyScraper implements ScrapeSource.Scraper {

    static final String RESTARTS = "kube_pod_container_status_restarts_total";

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, String> selector;

    PodProxyScraper(KubernetesClient client, String namespace, Map<String, String> selector) {
        this.client = client;
        this.namespace = namespace;
        this.selector = Map.copyOf(selector);
    }

    @Override
    public String scrape(ScrapeHistory into, Instant at) {
        List<Pod> pods;
        try {
            pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            return e.getCode() == 403 ? "cannot list pods in " + namespace + ": forbidden"
                    : "cannot list the pods of " + namespace + " " + selector + ": " + e.getMessage();
        }
        StringBuilder restarts = new StringBuilder();
        String failed = "";
        int scraped = 0;
        for (Pod p : pods) {
            String name = p.getMetadata().getName();
            if (p.getStatus() != null) {
                for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
                    restarts.append(RESTARTS).append("{namespace=\"").append(namespace).append("\",pod=\"")
                            .append(name).append("\",container=\"").append(c.getName()).append("\",uid=\"")
                            .append(p.getMetadata().getUid()).append("\"} ")
                            .append(c.getRestartCount() == null ? 0 : c.getRestartCount()).append('\n');
                }
            }
            if (p.getStatus() == null || !"Running".equals(p.getStatus().getPhase())) {
                continue;
            }
            try {
                String text = client.raw(proxyUrl(p));
                if (text == null) {
                    failed = "pod " + name + " has no metrics endpoint (404 through the pod proxy)";
                    continue;
                }
                into.add(text, at, targetLabels(p));
                scraped++;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 403) {
                    return "cannot get pods/proxy in " + namespace + ": forbidden";
                }
                failed = "scraping pod " + name + " through the API server's pod proxy failed: " + e.getMessage();
            }
        }
        into.add(restarts.toString(), at);
        return scraped == 0 && !failed.isEmpty() ? failed : "";
    }

    String proxyUrl(Pod p) {
        String port = port(p);
        Map<String, String> ann = p.getMetadata().getAnnotations() == null ? Map.of()
                : p.getMetadata().getAnnotations();
        String path = ann.getOrDefault("prometheus.io/path", "/metrics");
        String base = client.getMasterUrl().toString();
        return (base.endsWith("/") ? base : base + "/") + "api/v1/namespaces/" + enc(namespace) + "/pods/"
                + enc(p.getMetadata().getName()) + (port.isEmpty() ? "" : ":" + port) + "/proxy"
                + (path.startsWith("/") ? path : "/" + path);
    }

    private static String port(Pod p) {
        for (var c : p.getSpec().getContainers()) {
            for (ContainerPort cp : c.getPorts()) {
                if ("metrics".equals(cp.getName()) || "http-metrics".equals(cp.getName())) {
                    return Integer.toString(cp.getContainerPort());
                }
            }
        }
        Map<String, String> ann = p.getMetadata().getAnnotations();
        return ann == null ? "" : ann.getOrDefault("prometheus.io/port", "");
    }

    /** The labels Prometheus' pod discovery and the usual relabelling give a pod's series. */
    static Map<String, String> targetLabels(Pod p) {
        Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("namespace", p.getMetadata().getNamespace());
        out.put("pod", p.getMetadata().getName());
        String hash = labels.getOrDefault("pod-template-hash", "");
        for (OwnerReference o : p.getMetadata().getOwnerReferences()) {
            if ("ReplicaSet".equals(o.getKind()) && !hash.isEmpty() && o.getName().endsWith("-" + hash)) {
                out.put("deployment", o.getName().substring(0, o.getName().length() - hash.length() - 1));
            }
        }
        out.put("track", labels.getOrDefault("flightdeck.io/track", "stable"));
        out.put("pod_template_hash", hash);
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
