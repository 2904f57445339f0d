package io.flightdeck.sandbox.sim;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.util.List;

/**
 * The sandbox pods' request metrics, as an instrumented app would export them with the Prometheus Java client:
 * {@code http_requests_total} by code and {@code http_request_duration_seconds} (a classic histogram), labelled
 * namespace, deployment, pod, track and pod_template_hash, served in the Prometheus text format on a real HTTP
 * endpoint on 127.0.0.1 that a real Prometheus can scrape. Written by the traffic thread, read by the exporter's.
 */
public final class PodMetrics implements AutoCloseable {

    static final String[] LABELS = {"namespace", "deployment", "pod", "track", "pod_template_hash"};
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** The label values of one pod, in the order of {@link #LABELS}. */
    record PodLabels(String namespace, String deployment, String pod, String track, String hash) {
        String[] values() {
            return new String[]{namespace, deployment, pod, track, hash};
        }

        String[] withCode(int code) {
            return new String[]{namespace, deployment, pod, track, hash, Integer.toString(code)};
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private HTTPServer server;

    public PodMetrics() {
        requests = Counter.builder().name("http_requests_total").help("HTTP requests served, by status code")
                .labelNames(LABELS[0], LABELS[1], LABELS[2], LABELS[3], LABELS[4], "code").register(registry);
        latency = Histogram.builder().name("http_request_duration_seconds").help("HTTP request latency")
                .classicOnly().classicUpperBounds(BUCKETS).labelNames(LABELS).register(registry);
    }

    /** Starts the exporter on 127.0.0.1:{@code port} (0 = any free port) and returns the port. */
    public int start(int port) throws IOException {
        server = HTTPServer.builder().hostname("127.0.0.1").port(port).registry(registry).buildAndStart();
        return server.getPort();
    }

    /** Where Prometheus scrapes: {@code http://127.0.0.1:PORT/metrics}. */
    public String url() {
        return server == null ? "" : "http://127.0.0.1:" + server.getPort() + "/metrics";
    }

    void record(PodLabels pod, int code, double seconds) {
        requests.labelValues(pod.withCode(code)).inc();
        latency.labelValues(pod.values()).observe(seconds);
    }

    /** Forgets a pod that is gone, as its process's metrics go with it. */
    void forget(PodLabels pod) {
        latency.remove(pod.values());
        for (int code : List.of(200, 500, 503)) {
            requests.remove(pod.withCode(code));
        }
    }

    /** Exports kube-state-metrics' container restart counter of the store's pods too. */
    public void exportRestarts(io.flightdeck.sandbox.store.ObjectStore store) {
        KubeStateMetrics.register(this, store);
    }

    /**
     * What one pod's own /metrics would serve: its request series only (no kube-state-metrics series), in the
     * Prometheus text format; empty when the pod has none yet. Called on API server threads.
     */
    public String podText(String namespace, String pod) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(bytes, registry.scrape(name -> !name.startsWith("kube_")),
                    EscapingScheme.DEFAULT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String ns = "namespace=\"" + namespace + "\"";
        String p = "pod=\"" + pod + "\"";
        StringBuilder out = new StringBuilder();
        for (String line : bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("#") || line.contains(ns) && line.contains(p)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
