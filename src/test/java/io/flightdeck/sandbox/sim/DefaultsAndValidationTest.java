package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultsAndValidationTest {

    private final ObjectStore store = newStore();

    private static ObjectStore newStore() {
        ObjectStore s = new ObjectStore();
        s.addAdmission(new AppsDefaults());
        ObjectNode ns = Json.object();
        Json.metadata(ns).put("name", "default");
        s.create(Kinds.NAMESPACE, "", ns, false);
        return s;
    }

    private static ObjectNode parse(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode deployment(String name, int replicas, String image) {
        return parse("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "%s"},
                 "spec": {"replicas": %d, "selector": {"matchLabels": {"app": "%s"}},
                          "template": {"metadata": {"labels": {"app": "%s"}},
                                       "spec": {"containers": [{"name": "app", "image": "%s"}]}}}}
                """.formatted(name, replicas, name, name, image));
    }

    private Stored create(ObjectNode d) {
        return store.create(Kinds.DEPLOYMENT, "default", d, false);
    }

    private static ObjectNode web() {
        return deployment("web", 3, "shop/web:1.0");
    }

    private static ObjectNode edit(ObjectNode d, Consumer<ObjectNode> change) {
        change.accept(d);
        return d;
    }

    private String rejection(ObjectNode d) {
        ApiException e = assertThrows(ApiException.class, () -> create(d));
        assertEquals(422, e.code());
        assertEquals("Invalid", e.reason());
        assertEquals("Deployment", e.detailsKind());
        return e.getMessage();
    }

    @Test
    void deploymentGetsTheApiserverDefaults() {
        JsonNode spec = create(edit(web(), d -> ((ObjectNode) d.get("spec")).remove("replicas"))).object()
                .path("spec");
        assertEquals(1, spec.path("replicas").asInt());
        assertEquals("RollingUpdate", spec.path("strategy").path("type").asString());
        assertEquals("25%", spec.path("strategy").path("rollingUpdate").path("maxSurge").asString());
        assertEquals("25%", spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asString());
        assertEquals(10, spec.path("revisionHistoryLimit").asInt());
        assertEquals(600, spec.path("progressDeadlineSeconds").asInt());
        JsonNode pod = spec.path("template").path("spec");
        assertEquals("Always", pod.path("restartPolicy").asString());
        assertEquals(30, pod.path("terminationGracePeriodSeconds").asInt());
        assertEquals("ClusterFirst", pod.path("dnsPolicy").asString());
        assertEquals("default-scheduler", pod.path("schedulerName").asString());
        assertTrue(pod.path("securityContext").isObject() && pod.path("securityContext").isEmpty());
        JsonNode c = pod.path("containers").path(0);
        assertEquals("/dev/termination-log", c.path("terminationMessagePath").asString());
        assertEquals("File", c.path("terminationMessagePolicy").asString());
        assertEquals("IfNotPresent", c.path("imagePullPolicy").asString());
        assertFalse(pod.has("enableServiceLinks"), "pod-only default");
        assertFalse(spec.path("template").has("status"));
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertEquals("latest", PodDefaults.imageTag("registry.local:5000/shop/web"));
        assertEquals("latest", PodDefaults.imageTag("shop/web:latest"));
        assertEquals("2.1", PodDefaults.imageTag("registry.local:5000/shop/web:2.1"));
        assertEquals("", PodDefaults.imageTag("shop/web@sha256:0123abcd"));
        Stored d = create(edit(deployment("latest", 1, "shop/web"), x -> { }));
        assertEquals("Always", d.object().path("spec").path("template").path("spec").path("containers").path(0)
                .path("imagePullPolicy").asString());
    }

    @Test
    void probesAndPortsGetDefaults() {
        Stored d = create(edit(web(), x -> {
            ObjectNode c = (ObjectNode) x.path("spec").path("template").path("spec").path("containers").get(0);
            c.putArray("ports").addObject().put("containerPort", 8080);
            c.putObject("readinessProbe").putObject("httpGet").put("port", 8080);
            c.putObject("livenessProbe").put("periodSeconds", 5).putObject("tcpSocket").put("port", 8080);
        }));
        JsonNode c = d.object().path("spec").path("template").path("spec").path("containers").path(0);
        assertEquals("TCP", c.path("ports").path(0).path("protocol").asString());
        JsonNode r = c.path("readinessProbe");
        assertEquals(1, r.path("timeoutSeconds").asInt());
        assertEquals(10, r.path("periodSeconds").asInt());
        assertEquals(1, r.path("successThreshold").asInt());
        assertEquals(3, r.path("failureThreshold").asInt());
        assertEquals("/", r.path("httpGet").path("path").asString());
        assertEquals("HTTP", r.path("httpGet").path("scheme").asString());
        assertEquals(5, c.path("livenessProbe").path("periodSeconds").asInt());
    }

    @Test
    void recreateGetsNoRollingUpdateAndReplicaSetGetsOneReplica() {
        Stored d = create(edit(web(), x -> ((ObjectNode) x.get("spec")).putObject("strategy").put("type",
                "Recreate")));
        assertFalse(d.object().path("spec").path("strategy").has("rollingUpdate"));
        ObjectNode rs = parse("""
                {"metadata": {"name": "web-1"},
                 "spec": {"selector": {"matchLabels": {"app": "web"}},
                          "template": {"metadata": {"labels": {"app": "web"}},
                                       "spec": {"containers": [{"name": "app", "image": "shop/web:1.0"}]}}}}
                """);
        Stored created = store.create(Kinds.REPLICA_SET, "default", rs, false);
        assertEquals(1, created.object().path("spec").path("replicas").asInt());
        assertEquals("Always", created.object().path("spec").path("template").path("spec").path("restartPolicy")
                .asString());
    }

    @Test
    void newPodIsPendingWithItsQosClassAndAdmissionDefaults() {
        Stored best = store.create(Kinds.POD, "default", pod("best", null), false);
        JsonNode o = best.object();
        assertEquals("Pending", o.path("status").path("phase").asString());
        assertEquals("BestEffort", o.path("status").path("qosClass").asString());
        assertEquals("default", o.path("spec").path("serviceAccountName").asString());
        assertTrue(o.path("spec").path("enableServiceLinks").asBoolean());
        assertEquals(2, o.path("spec").path("tolerations").size());
        assertTrue(o.path("spec").path("volumes").path(0).path("name").asString().startsWith("kube-api-access-"));
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount", o.path("spec").path("containers").path(0)
                .path("volumeMounts").path(0).path("mountPath").asString());

        Stored burstable = store.create(Kinds.POD, "default", pod("burstable", "{\"requests\": {\"cpu\": \"100m\"}}"),
                false);
        assertEquals("Burstable", burstable.object().path("status").path("qosClass").asString());
        Stored guaranteed = store.create(Kinds.POD, "default",
                pod("guaranteed", "{\"limits\": {\"cpu\": \"0.5\", \"memory\": \"128Mi\"}}"), false);
        assertEquals("Guaranteed", guaranteed.object().path("status").path("qosClass").asString());
        assertEquals("0.5", guaranteed.object().path("spec").path("containers").path(0).path("resources")
                .path("requests").path("cpu").asString(), "requests default to limits");
    }

    private static ObjectNode pod(String name, String resources) {
        ObjectNode p = parse("""
                {"metadata": {"name": "%s"}, "spec": {"containers": [{"name": "app", "image": "shop/web:1.0"}]},
                 "status": {"phase": "Running"}}
                """.formatted(name));
        if (resources != null) {
            ((ObjectNode) p.path("spec").path("containers").get(0)).set("resources", parse(resources));
        }
        return p;
    }

    @Test
    void selectorIsRequiredAndMustMatchTheTemplateLabels() {
        assertEquals("Deployment.apps \"web\" is invalid: [spec.selector: Required value, "
                        + "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                        + "`selector` does not match template `labels`]",
                rejection(edit(web(), d -> ((ObjectNode) d.get("spec")).remove("selector"))));
        assertEquals("Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
                        + "map[string]string{\"app\":\"web\", \"tier\":\"fe\"}: `selector` does not match template "
                        + "`labels`",
                rejection(edit(web(), d -> {
                    ((ObjectNode) d.path("spec").path("selector").path("matchLabels")).put("app", "shop");
                    ((ObjectNode) d.path("spec").path("template").path("metadata").path("labels")).put("tier", "fe");
                })));
    }

    @Test
    void selectorIsImmutable() {
        create(web());
        ApiException e = assertThrows(ApiException.class, () -> store.modify(Kinds.DEPLOYMENT, "default", "web",
                d -> {
                    ((ObjectNode) d.path("spec").path("selector").path("matchLabels")).put("tier", "fe");
                    ((ObjectNode) d.path("spec").path("template").path("metadata").path("labels")).put("tier", "fe");
                    return d;
                }, false, false));
        assertEquals("Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{"
                + "MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"fe\"}, "
                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable", e.getMessage());
    }

    @Test
    void containersNeedNamesImagesAndUniqueness() {
        assertEquals("Deployment.apps \"web\" is invalid: spec.template.spec.containers: Required value",
                rejection(edit(web(), d -> ((ObjectNode) d.path("spec").path("template").path("spec"))
                        .putArray("containers"))));
        assertEquals("Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value",
                rejection(edit(web(), d -> ((ObjectNode) d.path("spec").path("template").path("spec")
                        .path("containers").get(0)).remove("image"))));
        assertEquals("Deployment.apps \"web\" is invalid: spec.template.spec.containers[1].name: Duplicate value: "
                        + "\"app\"",
                rejection(edit(web(), d -> {
                    ArrayNode cs = (ArrayNode) d.path("spec").path("template").path("spec").path("containers");
                    cs.add(cs.get(0).deepCopy());
                })));
    }

    @Test
    void replicasAndRollingUpdateFenceposts() {
        assertEquals("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or "
                + "equal to 0", rejection(edit(web(), d -> ((ObjectNode) d.get("spec")).put("replicas", -1))));
        assertEquals("Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "
                        + "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0",
                rejection(edit(web(), d -> ((ObjectNode) d.get("spec")).putObject("strategy")
                        .putObject("rollingUpdate").put("maxSurge", 0).put("maxUnavailable", 0))));
        assertEquals("Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "
                        + "intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when `maxSurge` is 0",
                rejection(edit(web(), d -> ((ObjectNode) d.get("spec")).putObject("strategy")
                        .putObject("rollingUpdate").put("maxSurge", "0%").put("maxUnavailable", "0%"))));
        assertEquals("Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be "
                        + "specified when strategy `type` is 'Recreate'",
                rejection(edit(web(), d -> ((ObjectNode) d.get("spec")).putObject("strategy").put("type", "Recreate")
                        .putObject("rollingUpdate").put("maxSurge", 1))));
        assertEquals("Deployment.apps \"web\" is invalid: spec.progressDeadlineSeconds: Invalid value: 5: must be "
                        + "greater than minReadySeconds",
                rejection(edit(web(), d -> ((ObjectNode) d.get("spec")).put("minReadySeconds", 5)
                        .put("progressDeadlineSeconds", 5))));
    }

    @Test
    void aPutWithoutDefaultsIsNoSpecChange() {
        create(web());
        ObjectNode bare = web();
        Stored updated = store.update(Kinds.DEPLOYMENT, "default", "web", bare, false, false);
        assertEquals(1, updated.object().path("metadata").path("generation").asLong());
        Stored scaled = store.update(Kinds.DEPLOYMENT, "default", "web",
                edit(web(), d -> ((ObjectNode) d.get("spec")).put("replicas", 5)), false, false);
        assertEquals(2, scaled.object().path("metadata").path("generation").asLong());
    }

    @Test
    void podValidationRejectsAnEmptyImage() {
        ApiException e = assertThrows(ApiException.class, () -> store.create(Kinds.POD, "default",
                parse("{\"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"app\"}]}}"),
                false));
        assertEquals("Pod \"p\" is invalid: spec.containers[0].image: Required value", e.getMessage());
    }

    @Test
    void templateHashUsesTheSafeAlphabetAndTheCollisionCount() {
        JsonNode t = create(web()).object().path("spec").path("template");
        String h = TemplateHash.compute(t, null);
        assertEquals(10, h.length());
        assertTrue(h.matches("[bcdf456789]+"), h);
        assertEquals(h, TemplateHash.compute(t.deepCopy(), null));
        assertFalse(h.equals(TemplateHash.compute(t, 1)));
    }
}
