package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** A store with apps admission, graceful pods, both controllers and a {@link TestKubelet}, for controller tests. */
final class Sandbox implements AutoCloseable {

    static final String NS = "default";

    final SandboxClock clock;
    final ObjectStore store;
    final EventRecorder events;
    final ReplicaSetController replicaSetController;
    final DeploymentController deploymentController;
    final TestKubelet kubelet;
    final Waiter waiter;

    Sandbox(double speed) {
        this(speed, TestKubelet::readyUnlessNoReadyImage, true, true);
    }

    Sandbox(double speed, Predicate<JsonNode> becomesReady, boolean removeTerminating,
            boolean withDeploymentController) {
        clock = new SandboxClock(speed);
        store = new ObjectStore(clock, 100_000);
        store.setGracefulPods(true);
        store.addAdmission(new AppsDefaults());
        ObjectNode ns = Json.object();
        Json.metadata(ns).put("name", NS);
        store.create(Kinds.NAMESPACE, "", ns, false);
        events = new EventRecorder(store, clock, 10_000);
        waiter = new Waiter(store);
        kubelet = new TestKubelet(store, clock, becomesReady, removeTerminating);
        replicaSetController = new ReplicaSetController(store, clock, events);
        replicaSetController.start();
        deploymentController = withDeploymentController ? new DeploymentController(store, clock, events) : null;
        if (deploymentController != null) {
            deploymentController.start();
        }
    }

    static ObjectNode parse(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A Deployment of {@code replicas} pods labelled app=name running one container with {@code image}. */
    static ObjectNode deployment(String name, int replicas, String image) {
        return parse("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "%s"},
                 "spec": {"replicas": %d, "selector": {"matchLabels": {"app": "%s"}},
                          "template": {"metadata": {"labels": {"app": "%s"}},
                                       "spec": {"containers": [{"name": "app", "image": "%s"}]}}}}
                """.formatted(name, replicas, name, name, image));
    }

    Stored create(ObjectNode deployment) {
        return store.create(Kinds.DEPLOYMENT, NS, deployment, false);
    }

    Stored deployment(String name) {
        return store.get(Kinds.DEPLOYMENT, NS, name);
    }

    Stored modify(String name, UnaryOperator<ObjectNode> change) {
        return store.modify(Kinds.DEPLOYMENT, NS, name, d -> {
            Json.metadata(d).remove("resourceVersion");
            return change.apply(d);
        }, false, false);
    }

    Stored setImage(String name, String image) {
        return modify(name, d -> {
            ObjectNode c = (ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0);
            c.put("image", image);
            return d;
        });
    }

    Stored scale(String name, int replicas) {
        return modify(name, d -> {
            ((ObjectNode) d.get("spec")).put("replicas", replicas);
            return d;
        });
    }

    /** The ReplicaSets the Deployment controls, oldest first. */
    List<Stored> replicaSets(String deployment) {
        Stored d = deployment(deployment);
        List<Stored> out = new ArrayList<>();
        for (Stored rs : store.all(Kinds.REPLICA_SET, NS)) {
            DependentsIndex.Owner o = DependentsIndex.controllerOf(rs.object(), "Deployment");
            if (d != null && o != null && o.uid().equals(d.uid())) {
                out.add(rs);
            }
        }
        out.sort((a, b) -> a.object().path("metadata").path("creationTimestamp").asString()
                .compareTo(b.object().path("metadata").path("creationTimestamp").asString()));
        return out;
    }

    /** The Deployment's ReplicaSet whose template runs this image. */
    Stored replicaSet(String deployment, String image) {
        for (Stored rs : replicaSets(deployment)) {
            if (rs.object().path("spec").path("template").path("spec").path("containers").path(0).path("image")
                    .asString().equals(image)) {
                return rs;
            }
        }
        throw new AssertionError("no ReplicaSet of " + deployment + " runs " + image);
    }

    /** Pods labelled app=name. */
    List<Stored> pods(String app) {
        List<Stored> out = new ArrayList<>();
        for (Stored p : store.all(Kinds.POD, NS)) {
            if (app.equals(p.object().path("metadata").path("labels").path("app").asString())) {
                out.add(p);
            }
        }
        return out;
    }

    static JsonNode condition(Stored d, String type) {
        for (JsonNode c : d.object().path("status").path("conditions")) {
            if (c.path("type").asString().equals(type)) {
                return c;
            }
        }
        return null;
    }

    /** Rolled out as `kubectl rollout status` sees it, and Progressing with NewReplicaSetAvailable. */
    boolean complete(String name) {
        Stored d = deployment(name);
        JsonNode spec = d.object().path("spec");
        JsonNode st = d.object().path("status");
        int want = spec.path("replicas").asInt();
        JsonNode progressing = condition(d, "Progressing");
        return st.path("observedGeneration").asLong() >= d.object().path("metadata").path("generation").asLong()
                && st.path("updatedReplicas").asInt() == want && st.path("replicas").asInt() == want
                && st.path("availableReplicas").asInt() == want && progressing != null
                && progressing.path("reason").asString().equals("NewReplicaSetAvailable")
                && pods(name).size() == want;
    }

    void awaitComplete(String name) {
        waiter.until(name + " rolled out", () -> complete(name), Duration.ofSeconds(20), () -> describe(name));
    }

    String describe(String name) {
        StringBuilder sb = new StringBuilder("\ndeployment: ").append(deployment(name).object().path("status"));
        for (Stored rs : replicaSets(name)) {
            sb.append("\nrs ").append(rs.name()).append(" spec=").append(rs.object().path("spec").path("replicas"))
                    .append(" status=").append(rs.object().path("status"));
        }
        sb.append("\npods: ").append(pods(name).size());
        return sb.append("\nevents: ").append(eventMessages(name)).toString();
    }

    /** Messages of the events about the object with this name, oldest first. */
    List<String> eventMessages(String involvedName) {
        List<String> out = new ArrayList<>();
        for (Stored e : store.all(Kinds.EVENT, NS)) {
            if (e.object().path("involvedObject").path("name").asString().equals(involvedName)) {
                out.add(e.object().path("message").asString());
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (deploymentController != null) {
            deploymentController.close();
        }
        replicaSetController.close();
        kubelet.close();
        waiter.close();
    }
}
