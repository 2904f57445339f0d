package io.flightdeck.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulated traffic through a Service reaches ready pods in proportion, a canary's {@code -errors} image answers
 * about 5% 500s, and the counts are served in the Prometheus text format with the pods' labels.
 */
class TrafficTest {

    SandboxCluster cluster;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = SandboxCluster.start(SandboxOptions.empty(20));
        client = cluster.newClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("t").endMetadata().build())
                .create();
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void oneCanaryPodOfTenGetsAboutATenthAndItsErrorsShow() throws Exception {
        client.services().inNamespace("t").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .addToAnnotations("sandbox.flightdeck.io/rps", "100").endMetadata().withNewSpec()
                .addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build()).create();
        client.apps().deployments().inNamespace("t")
                .resource(TrackedDeployments.web("web", 9, "shop/web:1.0", "stable"))
                .create();
        client.apps().deployments().inNamespace("t")
                .resource(TrackedDeployments.web("web-canary", 1, "shop/web:1.1-errors",
                "canary")).create();
        for (String d : new String[]{"web", "web-canary"}) {
            client.apps().deployments().inNamespace("t").withName(d).waitUntilCondition(x -> x.getStatus() != null
                    && x.getSpec().getReplicas().equals(x.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
        }
        String first = scrape();
        double canaryBefore = sum(first, "canary", null);
        double allBefore = sum(first, null, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = first;
        while (sum(text, null, null) - allBefore < 20_000 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            text = scrape();
        }
        double all = sum(text, null, null) - allBefore;
        double canary = sum(text, "canary", null) - canaryBefore;
        double canaryErrors = sum(text, "canary", "500") - sum(first, "canary", "500");
        double stableErrors = sum(text, "stable", "500") - sum(first, "stable", "500");
        assertTrue(all >= 20_000, "too little traffic: " + all);
        assertEquals(0.10, canary / all, 0.03, "canary share");
        assertEquals(0.05, canaryErrors / canary, 0.025, "canary error rate");
        assertTrue(stableErrors / (all - canary) < 0.01, "stable error rate " + stableErrors / (all - canary));
        assertTrue(text.contains("http_request_duration_seconds_bucket{"), "latency histogram exported");
        assertTrue(text.matches("(?s).*pod_template_hash=\"[a-z0-9]{10}\".*"), "labelled with the pod-template-hash");
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.metricsUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sums http_requests_total over the series of a track and code (null = any). */
    private static double sum(String text, String track, String code) {
        Pattern p = Pattern.compile("^http_requests_total\\{([^}]*)} ([0-9.eE+]+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(text);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (!labels.contains("namespace=\"t\"")) {
                continue;
            }
            if ((track == null || labels.contains("track=\"" + track + "\""))
                    && (code == null || labels.contains("code=\"" + code + "\""))) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
