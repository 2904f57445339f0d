package io.flightdeck.signals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.QueryTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct scrape on a cluster without Prometheus, through fabric8 and the API server's pod proxy
 * ({@code pods/NAME[:PORT]/proxy/metrics}) of the sandbox: each pod answers its own series only, the built-in
 * templates are computed from them, and the restarts counter comes from the pods' status as kube-state-metrics has
 * it (which the sandbox's exporter serves too).
 */
class PodProxySourceTest {

    static SandboxCluster cluster;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(10));
        client = cluster.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    private static List<Pod> runningPods(String app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Pod> pods = client.pods().inNamespace("shop").withLabel("app", app).list().getItems().stream()
                    .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).toList();
            if (pods.size() >= 2) {
                return pods;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("no running " + app + " pods");
    }

    @Test
    void eachPodServesOnlyItsOwnSeriesThroughThePodProxy() throws Exception {
        List<Pod> pods = runningPods("catalog");
        String name = pods.get(0).getMetadata().getName();
        String other = pods.get(1).getMetadata().getName();
        String base = cluster.masterUrl() + "/api/v1/namespaces/shop/pods/";
        String text = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!text.contains("http_requests_total{") && System.nanoTime() < deadline) {
            text = client.raw(base + name + "/proxy/metrics");
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertTrue(text.contains("pod=\"" + name + "\""), text);
        assertFalse(text.contains("pod=\"" + other + "\""), "another pod's series: " + text);
        assertFalse(text.contains("kube_pod_container_status_restarts_total"), "kube-state-metrics is not a pod");
        assertTrue(client.raw(base + name + ":8080/proxy/metrics").contains("pod=\"" + name + "\""));
        assertNull(client.raw(base + name + "/proxy/nothing-here"), "the app's 404");
        KubernetesClientException missing = assertThrows(KubernetesClientException.class,
                () -> client.raw(base + "no-such-pod/proxy/metrics", "GET", null));
        assertEquals(404, missing.getCode());

        cluster.server().rbac().deny("get:pods/proxy:shop");
        try {
            KubernetesClientException forbidden = assertThrows(KubernetesClientException.class,
                    () -> client.raw(base + name + "/proxy/metrics", "GET", null));
            assertEquals(403, forbidden.getCode());
        } finally {
            cluster.server().rbac().clear();
        }
    }

    @Test
    void theBuiltInTemplatesAreComputedFromPodProxyScrapes() throws Exception {
        runningPods("storefront");
        ScrapeSource source = ScrapeSource.podProxy(client, "shop", Map.of("app", "storefront"), Clock.systemUTC());
        Map<String, String> args = BuiltInTemplates.args("shop", "storefront", "stable", "", "storefront");
        String success = QueryTemplate.fill(BuiltInTemplates.metric(BuiltInTemplates.SUCCESS_RATE,
                Duration.ofSeconds(5), 1).orElseThrow().query(), args);
        String p99 = QueryTemplate.fill(BuiltInTemplates.metric(BuiltInTemplates.LATENCY_P99,
                Duration.ofSeconds(5), 1).orElseThrow().query(), args);
        String restarts = QueryTemplate.fill(BuiltInTemplates.metric(BuiltInTemplates.RESTARTS,
                Duration.ofSeconds(5), 1).orElseThrow().query(), args);
        PromResult rate = PromResult.noData("not yet");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int scrapes = 0;
        while ((!rate.hasData() || scrapes < 8) && System.nanoTime() < deadline) {
            source.scrape();
            scrapes++;
            TimeUnit.MILLISECONDS.sleep(500);
            rate = source.query(success);
        }
        assertTrue(rate.hasData() && rate.scalar() > 0.98 && rate.scalar() <= 1.0, rate.toString());
        PromResult latency = source.query(p99);
        assertTrue(latency.hasData() && latency.scalar() > 0.02 && latency.scalar() < 0.5, latency.toString());
        PromResult restarted = source.query(restarts);
        assertTrue(restarted.hasData(), restarted.toString());
        assertEquals(0.0, restarted.scalar(), restarted.toString());
    }

    @Test
    void theSandboxExporterServesKubeStateMetricsRestarts() throws Exception {
        Pod pod = runningPods("search").get(0);
        String name = pod.getMetadata().getName();
        cluster.kubelet().crash("shop", name);
        String line = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!line.endsWith(" 1.0") && !line.endsWith(" 1") && System.nanoTime() < deadline) {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.metricsUrl()))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            line = text.lines().filter(l -> l.startsWith("kube_pod_container_status_restarts_total{")
                    && l.contains("pod=\"" + name + "\"")).findFirst().orElse("");
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertTrue(line.contains("namespace=\"shop\"") && line.contains("container=\"")
                && line.contains("uid=\"" + pod.getMetadata().getUid() + "\""), line);
        assertTrue(line.endsWith(" 1.0") || line.endsWith(" 1"), "one restart after the crash: " + line);
    }
}
