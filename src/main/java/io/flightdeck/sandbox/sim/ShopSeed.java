package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.ObjectStore;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The sandbox's seeded e-commerce shop: namespaces {@code default}, {@code kube-system} and {@code shop}, the
 * {@code default/kubernetes} Service, and in {@code shop} a Deployment and a Service (port 80 to 8080) for each of
 * storefront, catalog, search, cart, checkout and payments. The Deployments' pods come from the Deployment and
 * ReplicaSet controllers. Seeding is idempotent: objects that exist are left as they are. Stateless; any thread.
 */
public final class ShopSeed {

    public static final String NAMESPACE = "shop";
    public static final String REGISTRY = "registry.shop.example";
    public static final int CONTAINER_PORT = 8080;
    public static final int SERVICE_PORT = 80;

    /** One app of the shop and its resources. */
    public record App(String name, int replicas, String version, String cpuRequest, String memoryRequest,
                      String cpuLimit, String memoryLimit) {

        public String image() {
            return REGISTRY + "/" + name + ":" + version;
        }
    }

    public static final List<App> APPS = List.of(
            new App("storefront", 8, "3.4", "250m", "256Mi", "1", "512Mi"),
            new App("catalog", 4, "2.7", "200m", "384Mi", "1", "768Mi"),
            new App("search", 3, "1.9", "500m", "1Gi", "2", "1536Mi"),
            new App("cart", 4, "2.2", "100m", "192Mi", "500m", "384Mi"),
            new App("checkout", 3, "2.0", "250m", "256Mi", "1", "512Mi"),
            new App("payments", 2, "1.6", "200m", "256Mi", "1", "512Mi"));

    private ShopSeed() {
    }

    /** Creates the namespaces, Deployments and Services that do not exist yet. */
    public static void seed(ObjectStore store) {
        for (String ns : List.of("default", "kube-system", NAMESPACE)) {
            createIfAbsent(store, Kinds.NAMESPACE, "", namespace(ns));
        }
        createIfAbsent(store, Kinds.SERVICE, "default", kubernetesService());
        for (App app : APPS) {
            createIfAbsent(store, Kinds.DEPLOYMENT, NAMESPACE, deployment(app));
            createIfAbsent(store, Kinds.SERVICE, NAMESPACE, service(app));
        }
    }

    private static void createIfAbsent(ObjectStore store, ResourceKind kind, String ns, ObjectNode object) {
        if (store.get(kind, ns, Json.text(object, "metadata.name")) != null) {
            return;
        }
        try {
            store.create(kind, ns, object, false);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    static ObjectNode namespace(String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Namespace");
        Json.metadata(o).put("name", name).putObject("labels").put("kubernetes.io/metadata.name", name);
        return o;
    }

    private static ObjectNode kubernetesService() {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Service");
        Json.metadata(o).put("name", "kubernetes").putObject("labels")
                .put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = o.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.put("clusterIP", "10.96.0.1");
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP")
                .put("targetPort", 6443);
        return o;
    }

    private static ObjectNode labels(ObjectNode holder, App app) {
        return holder.putObject("labels").put("app", app.name()).put("app.kubernetes.io/name", app.name())
                .put("app.kubernetes.io/part-of", "shop");
    }

    static ObjectNode deployment(App app) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "apps/v1");
        o.put("kind", "Deployment");
        ObjectNode meta = Json.metadata(o).put("name", app.name()).put("namespace", NAMESPACE);
        labels(meta, app);
        ObjectNode spec = o.putObject("spec");
        spec.put("replicas", app.replicas());
        spec.put("revisionHistoryLimit", 10);
        spec.put("progressDeadlineSeconds", 600);
        spec.putObject("selector").putObject("matchLabels").put("app", app.name());
        ObjectNode rolling = spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate");
        rolling.put("maxSurge", "25%").put("maxUnavailable", "25%");
        ObjectNode template = spec.putObject("template");
        ObjectNode tmeta = template.putObject("metadata");
        labels(tmeta, app);
        tmeta.putObject("annotations").put("prometheus.io/scrape", "true")
                .put("prometheus.io/port", Integer.toString(CONTAINER_PORT)).put("prometheus.io/path", "/metrics");
        ObjectNode pod = template.putObject("spec");
        pod.putArray("containers").add(container(app));
        pod.put("restartPolicy", "Always");
        pod.put("terminationGracePeriodSeconds", 30);
        pod.put("dnsPolicy", "ClusterFirst");
        pod.put("schedulerName", "default-scheduler");
        pod.putObject("securityContext");
        return o;
    }

    private static ObjectNode container(App app) {
        ObjectNode c = Json.object();
        c.put("name", "app");
        c.put("image", app.image());
        c.put("imagePullPolicy", "IfNotPresent");
        c.putArray("ports").addObject().put("name", "http").put("containerPort", CONTAINER_PORT)
                .put("protocol", "TCP");
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "SERVICE_NAME").put("value", app.name());
        env.addObject().put("name", "JAVA_TOOL_OPTIONS").put("value", "-XX:MaxRAMPercentage=75");
        ObjectNode res = c.putObject("resources");
        res.putObject("requests").put("cpu", app.cpuRequest()).put("memory", app.memoryRequest());
        res.putObject("limits").put("cpu", app.cpuLimit()).put("memory", app.memoryLimit());
        c.set("startupProbe", probe("/healthz", 0, 2, 1, 1, 30));
        c.set("readinessProbe", probe("/ready", 3, 5, 1, 1, 3));
        c.set("livenessProbe", probe("/healthz", 0, 10, 2, 1, 3));
        c.put("terminationMessagePath", "/dev/termination-log");
        c.put("terminationMessagePolicy", "File");
        return c;
    }

    /** An HTTP probe on the app port with every timing field set, as the apiserver's defaulting would leave it. */
    static ObjectNode probe(String path, int initialDelay, int period, int timeout, int success, int failure) {
        ObjectNode p = Json.object();
        p.putObject("httpGet").put("path", path).put("port", CONTAINER_PORT).put("scheme", "HTTP");
        p.put("initialDelaySeconds", initialDelay);
        p.put("periodSeconds", period);
        p.put("timeoutSeconds", timeout);
        p.put("successThreshold", success);
        p.put("failureThreshold", failure);
        return p;
    }

    static ObjectNode service(App app) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Service");
        ObjectNode meta = Json.metadata(o).put("name", app.name()).put("namespace", NAMESPACE);
        labels(meta, app);
        meta.putObject("annotations").put(TrafficSimulator.RPS_ANNOTATION, Integer.toString(requestsPerSecond(app)));
        ObjectNode spec = o.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.putObject("selector").put("app", app.name());
        spec.putArray("ports").addObject().put("name", "http").put("port", SERVICE_PORT)
                .put("targetPort", CONTAINER_PORT).put("protocol", "TCP");
        return o;
    }

    /** Simulated client traffic per app: the storefront takes the most, payments the least. */
    static int requestsPerSecond(App app) {
        return switch (app.name()) {
            case "storefront" -> 120;
            case "catalog" -> 80;
            case "search" -> 60;
            case "cart" -> 40;
            case "checkout" -> 30;
            default -> 20;
        };
    }
}
