package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.Admission;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The apiserver's defaulting and validation for Deployments, ReplicaSets and pods, as one {@link Admission}:
 * apps/v1 defaults (replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600), the
 * pod template and pod defaults of core/v1, a new pod's admission plugins and status, then validation with the
 * apiserver's 422 texts. Status updates pass untouched. Runs under the store's write lock on the writer's thread.
 */
public final class AppsDefaults implements Admission {

    @Override
    public void admit(Operation operation, ResourceKind kind, ObjectNode object, Stored previous) {
        if (operation == Operation.UPDATE_STATUS) {
            return;
        }
        JsonNode before = previous == null ? null : previous.object();
        String name = object.path("metadata").path("name").asString();
        if (kind == Kinds.DEPLOYMENT) {
            deployment(object);
            FieldErrors errs = new FieldErrors();
            AppsValidation.deployment(object, before, errs);
            errs.throwIfAny(kind, name);
        } else if (kind == Kinds.REPLICA_SET) {
            replicaSet(object);
            FieldErrors errs = new FieldErrors();
            AppsValidation.replicaSet(object, before, errs);
            errs.throwIfAny(kind, name);
        } else if (kind == Kinds.POD) {
            if (operation == Operation.CREATE) {
                PodDefaults.newPod(object);
            } else {
                PodDefaults.podSpec(Json.child(object, "spec"));
            }
            FieldErrors errs = new FieldErrors();
            AppsValidation.pod(object, errs);
            errs.throwIfAny(kind, name);
        }
    }

    /** SetDefaults_Deployment and the template's pod spec defaults. */
    static void deployment(ObjectNode d) {
        ObjectNode spec = Json.child(d, "spec");
        if (PodDefaults.unset(spec.get("replicas"))) {
            spec.put("replicas", 1);
        }
        ObjectNode strategy = Json.child(spec, "strategy");
        if (strategy.path("type").asString().isEmpty()) {
            strategy.put("type", "RollingUpdate");
        }
        if (strategy.path("type").asString().equals("RollingUpdate")) {
            ObjectNode rolling = Json.child(strategy, "rollingUpdate");
            if (PodDefaults.unset(rolling.get("maxUnavailable"))) {
                rolling.put("maxUnavailable", "25%");
            }
            if (PodDefaults.unset(rolling.get("maxSurge"))) {
                rolling.put("maxSurge", "25%");
            }
        }
        if (PodDefaults.unset(spec.get("revisionHistoryLimit"))) {
            spec.put("revisionHistoryLimit", 10);
        }
        if (PodDefaults.unset(spec.get("progressDeadlineSeconds"))) {
            spec.put("progressDeadlineSeconds", 600);
        }
        template(spec);
    }

    /** SetDefaults_ReplicaSet and the template's pod spec defaults. */
    static void replicaSet(ObjectNode rs) {
        ObjectNode spec = Json.child(rs, "spec");
        if (PodDefaults.unset(spec.get("replicas"))) {
            spec.put("replicas", 1);
        }
        template(spec);
    }

    private static void template(ObjectNode spec) {
        PodDefaults.podSpec(Json.child(Json.child(spec, "template"), "spec"));
    }
}
