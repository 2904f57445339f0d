package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Deployment one sync works on, like the Go controller's {@code d := deployment.DeepCopy()}: its spec read once,
 * its annotations and status changed in place and written with {@link #obj()} as the status update. After a successful
 * write the resourceVersion follows the stored one, so that a sync can write twice without a conflict with itself.
 */
final class DeploymentView {

    private final ObjectNode obj;
    private Stored stored;
    final String namespace;
    final String name;
    final String uid;
    final long generation;
    final int replicas;
    final String strategyType;
    final JsonNode maxSurge;
    final JsonNode maxUnavailable;
    final int minReadySeconds;
    final Integer revisionHistoryLimit;
    final Integer progressDeadlineSeconds;
    final boolean paused;
    final JsonNode selector;
    final JsonNode template;
    DeploymentStatus status;

    DeploymentView(Stored stored) {
        this.stored = stored;
        this.obj = stored.copy();
        this.namespace = stored.namespace();
        this.name = stored.name();
        this.uid = stored.uid();
        JsonNode meta = obj.path("metadata");
        this.generation = meta.path("generation").asLong(0);
        JsonNode spec = obj.path("spec");
        this.replicas = spec.path("replicas").asInt(1);
        JsonNode strategy = spec.path("strategy");
        this.strategyType = strategy.path("type").asString("RollingUpdate");
        this.maxSurge = strategy.path("rollingUpdate").get("maxSurge");
        this.maxUnavailable = strategy.path("rollingUpdate").get("maxUnavailable");
        this.minReadySeconds = spec.path("minReadySeconds").asInt(0);
        this.revisionHistoryLimit = optionalInt(spec.get("revisionHistoryLimit"));
        this.progressDeadlineSeconds = optionalInt(spec.get("progressDeadlineSeconds"));
        this.paused = spec.path("paused").asBoolean(false);
        this.selector = spec.path("selector");
        this.template = spec.path("template");
        this.status = DeploymentStatus.parse(obj.path("status"));
    }

    Stored stored() {
        return stored;
    }

    /** The object to send with a status update: current annotations and status. */
    ObjectNode obj() {
        obj.set("status", status.toJson());
        return obj;
    }

    void written(Stored updated) {
        stored = updated;
        Json.metadata(obj).put("resourceVersion", Long.toString(updated.resourceVersion()));
    }

    boolean deleting() {
        return Pods.isTerminating(obj);
    }

    JsonNode annotations() {
        return obj.path("metadata").path("annotations");
    }

    ObjectNode mutableAnnotations() {
        return Json.child(Json.metadata(obj), "annotations");
    }

    private static Integer optionalInt(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }
}
