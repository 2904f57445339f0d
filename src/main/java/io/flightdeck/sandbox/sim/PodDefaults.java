package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.store.Names;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The apiserver's defaulting for pod specs (core/v1 defaults.go: PodSpec, Container, Probe, ContainerPort, Volume),
 * the pod-only part (requests from limits, enableServiceLinks), the admission plugins every real cluster runs on pod
 * creation (ServiceAccount with its projected token volume, DefaultTolerationSeconds, Priority), and a new pod's
 * status (Pending with its QoS class). Stateless; called under the store lock from {@link AppsDefaults}.
 */
final class PodDefaults {

    private static final String SA_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

    private PodDefaults() {
    }

    /** SetDefaults_PodSpec and what it nests; for pods and pod templates alike. */
    static void podSpec(ObjectNode spec) {
        putIfUnset(spec, "dnsPolicy", "ClusterFirst");
        putIfUnset(spec, "restartPolicy", "Always");
        if (unset(spec.get("securityContext"))) {
            spec.putObject("securityContext");
        }
        if (unset(spec.get("terminationGracePeriodSeconds"))) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        putIfUnset(spec, "schedulerName", "default-scheduler");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : spec.path(list)) {
                if (c instanceof ObjectNode container) {
                    container(container);
                }
            }
        }
        for (JsonNode v : spec.path("volumes")) {
            if (v instanceof ObjectNode volume) {
                volume(volume);
            }
        }
    }

    static void container(ObjectNode c) {
        if (unset(c.get("imagePullPolicy")) || c.path("imagePullPolicy").asString().isEmpty()) {
            c.put("imagePullPolicy", "latest".equals(imageTag(c.path("image").asString())) ? "Always"
                    : "IfNotPresent");
        }
        putIfUnset(c, "terminationMessagePath", "/dev/termination-log");
        putIfUnset(c, "terminationMessagePolicy", "File");
        for (JsonNode p : c.path("ports")) {
            if (p instanceof ObjectNode port) {
                putIfUnset(port, "protocol", "TCP");
            }
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (c.get(probe) instanceof ObjectNode p) {
                probe(p);
            }
        }
        for (JsonNode e : c.path("env")) {
            JsonNode fieldRef = e.path("valueFrom").path("fieldRef");
            if (fieldRef instanceof ObjectNode f) {
                putIfUnset(f, "apiVersion", "v1");
            }
        }
    }

    static void probe(ObjectNode p) {
        putIntIfZero(p, "timeoutSeconds", 1);
        putIntIfZero(p, "periodSeconds", 10);
        putIntIfZero(p, "successThreshold", 1);
        putIntIfZero(p, "failureThreshold", 3);
        if (p.get("httpGet") instanceof ObjectNode http) {
            putIfUnset(http, "path", "/");
            putIfUnset(http, "scheme", "HTTP");
        }
    }

    static void volume(ObjectNode v) {
        boolean hasSource = false;
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getKey().equals("name") && !unset(e.getValue())) {
                hasSource = true;
            }
        }
        if (!hasSource) {
            v.putObject("emptyDir");
        }
        for (String source : List.of("configMap", "secret", "projected", "downwardAPI")) {
            if (v.get(source) instanceof ObjectNode s && unset(s.get("defaultMode"))) {
                s.put("defaultMode", 420);
            }
        }
    }

    /** The tag ParseImageName finds: "latest" when there is neither tag nor digest, "" with a digest only. */
    static String imageTag(String image) {
        String ref = image;
        boolean digest = false;
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
            digest = true;
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String tag = colon > slash ? ref.substring(colon + 1) : "";
        return tag.isEmpty() && !digest ? "latest" : tag;
    }

    /** What the apiserver and its default admission plugins add to a pod on creation. */
    static void newPod(ObjectNode pod) {
        ObjectNode spec = Json.child(pod, "spec");
        podSpec(spec);
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : spec.path(list)) {
                if (c.path("resources").get("limits") instanceof ObjectNode limits && !limits.isEmpty()) {
                    ObjectNode requests = Json.child(Json.child((ObjectNode) c, "resources"), "requests");
                    for (Map.Entry<String, JsonNode> e : limits.properties()) {
                        if (!requests.has(e.getKey())) {
                            requests.set(e.getKey(), e.getValue().deepCopy());
                        }
                    }
                }
            }
        }
        if (unset(spec.get("enableServiceLinks"))) {
            spec.put("enableServiceLinks", true);
        }
        serviceAccount(spec);
        if (unset(spec.get("priority"))) {
            spec.put("priority", 0);
        }
        putIfUnset(spec, "preemptionPolicy", "PreemptLowerPriority");
        tolerations(spec);
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", qosClass(spec));
    }

    private static void serviceAccount(ObjectNode spec) {
        String sa = spec.path("serviceAccountName").asString();
        if (sa.isEmpty()) {
            sa = spec.path("serviceAccount").asString("default");
            sa = sa.isEmpty() ? "default" : sa;
        }
        spec.put("serviceAccountName", sa);
        spec.put("serviceAccount", sa);
        if (spec.path("automountServiceAccountToken").asBoolean(true)) {
            for (JsonNode c : spec.path("containers")) {
                for (JsonNode m : c.path("volumeMounts")) {
                    if (SA_MOUNT.equals(m.path("mountPath").asString())) {
                        return;
                    }
                }
            }
            String volume = "kube-api-access-" + Names.suffix(5);
            ObjectNode projected = arrayOf(spec, "volumes").addObject().put("name", volume)
                    .putObject("projected");
            projected.put("defaultMode", 420);
            ArrayNode sources = projected.putArray("sources");
            sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
            ObjectNode cm = sources.addObject().putObject("configMap").put("name", "kube-root-ca.crt");
            cm.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
            ObjectNode item = sources.addObject().putObject("downwardAPI").putArray("items").addObject();
            item.putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
            item.put("path", "namespace");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : spec.path(list)) {
                    if (c instanceof ObjectNode container) {
                        arrayOf(container, "volumeMounts").addObject().put("mountPath", SA_MOUNT).put("name", volume)
                                .put("readOnly", true);
                    }
                }
            }
        }
    }

    private static void tolerations(ObjectNode spec) {
        Set<String> present = new HashSet<>();
        for (JsonNode t : spec.path("tolerations")) {
            present.add(t.path("key").asString() + "|" + t.path("effect").asString());
        }
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            if (!present.contains(key + "|NoExecute")) {
                arrayOf(spec, "tolerations").addObject().put("effect", "NoExecute").put("key", key)
                        .put("operator", "Exists").put("tolerationSeconds", 300);
            }
        }
    }

    /** GetPodQOS: Guaranteed when every container limits cpu and memory equal to its requests, BestEffort when none. */
    static String qosClass(JsonNode spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : spec.path(list)) {
                addPositive(c.path("resources").path("requests"), requests, null);
                Set<String> found = new HashSet<>();
                addPositive(c.path("resources").path("limits"), limits, found);
                if (!found.contains("cpu") || !found.contains("memory")) {
                    guaranteed = false;
                }
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        if (guaranteed) {
            for (Map.Entry<String, BigDecimal> r : requests.entrySet()) {
                BigDecimal l = limits.get(r.getKey());
                if (l == null || l.compareTo(r.getValue()) != 0) {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
    }

    private static void addPositive(JsonNode list, Map<String, BigDecimal> sums, Set<String> found) {
        for (Map.Entry<String, JsonNode> e : list.properties()) {
            String name = e.getKey();
            if (!name.equals("cpu") && !name.equals("memory")) {
                continue;
            }
            BigDecimal q = Quantity.parse(e.getValue().asString());
            if (q.signum() > 0) {
                sums.merge(name, q, BigDecimal::add);
                if (found != null) {
                    found.add(name);
                }
            }
        }
    }

    private static ArrayNode arrayOf(ObjectNode node, String field) {
        JsonNode a = node.get(field);
        if (a instanceof ArrayNode arr) {
            return arr;
        }
        return node.putArray(field);
    }

    static boolean unset(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private static void putIfUnset(ObjectNode n, String field, String value) {
        JsonNode v = n.get(field);
        if (unset(v) || (v.isString() && v.asString().isEmpty())) {
            n.put(field, value);
        }
    }

    private static void putIntIfZero(ObjectNode n, String field, int value) {
        JsonNode v = n.get(field);
        if (unset(v) || v.asInt() == 0) {
            n.put(field, value);
        }
    }
}
