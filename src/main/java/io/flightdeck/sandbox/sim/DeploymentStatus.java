package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment's status as the controller computes it (apps/v1 DeploymentStatus), with the condition helpers of
 * deployment_util.go. Written as the apiserver serializes it: zero counts omitted, fields in Go's order. Mutable; used
 * by one sync on the controller thread.
 */
final class DeploymentStatus {

    /** One DeploymentCondition; times are RFC 3339 strings with seconds, as stored. */
    static final class Condition {
        String type;
        String status;
        String lastUpdateTime;
        String lastTransitionTime;
        String reason;
        String message;

        Condition copy() {
            Condition c = new Condition();
            c.type = type;
            c.status = status;
            c.lastUpdateTime = lastUpdateTime;
            c.lastTransitionTime = lastTransitionTime;
            c.reason = reason;
            c.message = message;
            return c;
        }
    }

    long observedGeneration;
    int replicas;
    int updatedReplicas;
    int readyReplicas;
    int availableReplicas;
    int unavailableReplicas;
    Integer collisionCount;
    List<Condition> conditions = new ArrayList<>();

    static DeploymentStatus parse(JsonNode status) {
        DeploymentStatus s = new DeploymentStatus();
        s.observedGeneration = status.path("observedGeneration").asLong(0);
        s.replicas = status.path("replicas").asInt(0);
        s.updatedReplicas = status.path("updatedReplicas").asInt(0);
        s.readyReplicas = status.path("readyReplicas").asInt(0);
        s.availableReplicas = status.path("availableReplicas").asInt(0);
        s.unavailableReplicas = status.path("unavailableReplicas").asInt(0);
        JsonNode cc = status.get("collisionCount");
        s.collisionCount = cc == null || cc.isNull() ? null : cc.asInt();
        for (JsonNode c : status.path("conditions")) {
            Condition k = new Condition();
            k.type = c.path("type").asString();
            k.status = c.path("status").asString();
            k.lastUpdateTime = c.path("lastUpdateTime").asString();
            k.lastTransitionTime = c.path("lastTransitionTime").asString();
            k.reason = c.path("reason").asString();
            k.message = c.path("message").asString();
            s.conditions.add(k);
        }
        return s;
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        if (observedGeneration != 0) {
            n.put("observedGeneration", observedGeneration);
        }
        putIfNonZero(n, "replicas", replicas);
        putIfNonZero(n, "updatedReplicas", updatedReplicas);
        putIfNonZero(n, "readyReplicas", readyReplicas);
        putIfNonZero(n, "availableReplicas", availableReplicas);
        putIfNonZero(n, "unavailableReplicas", unavailableReplicas);
        if (!conditions.isEmpty()) {
            ArrayNode a = n.putArray("conditions");
            for (Condition c : conditions) {
                ObjectNode o = a.addObject();
                o.put("type", c.type);
                o.put("status", c.status);
                putIfNotEmpty(o, "lastUpdateTime", c.lastUpdateTime);
                putIfNotEmpty(o, "lastTransitionTime", c.lastTransitionTime);
                putIfNotEmpty(o, "reason", c.reason);
                putIfNotEmpty(o, "message", c.message);
            }
        }
        if (collisionCount != null) {
            n.put("collisionCount", collisionCount);
        }
        return n;
    }

    /** DeepEqual, as the controller decides whether to write. */
    boolean sameAs(DeploymentStatus other) {
        return toJson().equals(other.toJson());
    }

    DeploymentStatus copy() {
        DeploymentStatus s = new DeploymentStatus();
        s.observedGeneration = observedGeneration;
        s.replicas = replicas;
        s.updatedReplicas = updatedReplicas;
        s.readyReplicas = readyReplicas;
        s.availableReplicas = availableReplicas;
        s.unavailableReplicas = unavailableReplicas;
        s.collisionCount = collisionCount;
        for (Condition c : conditions) {
            s.conditions.add(c.copy());
        }
        return s;
    }

    Condition get(String type) {
        for (Condition c : conditions) {
            if (c.type.equals(type)) {
                return c;
            }
        }
        return null;
    }

    /** SetDeploymentCondition: same status and reason is no change; same status keeps lastTransitionTime. */
    void set(Condition c) {
        Condition current = get(c.type);
        if (current != null && current.status.equals(c.status) && current.reason.equals(c.reason)) {
            return;
        }
        if (current != null && current.status.equals(c.status)) {
            c.lastTransitionTime = current.lastTransitionTime;
        }
        remove(c.type);
        conditions.add(c);
    }

    void remove(String type) {
        conditions.removeIf(c -> c.type.equals(type));
    }

    static Condition condition(String type, String status, String reason, String message, String now) {
        Condition c = new Condition();
        c.type = type;
        c.status = status;
        c.lastUpdateTime = now;
        c.lastTransitionTime = now;
        c.reason = reason;
        c.message = message;
        return c;
    }

    private static void putIfNonZero(ObjectNode n, String field, int v) {
        if (v != 0) {
            n.put(field, v);
        }
    }

    private static void putIfNotEmpty(ObjectNode n, String field, String v) {
        if (v != null && !v.isEmpty()) {
            n.put(field, v);
        }
    }
}
