package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's reads and writes of one namespace through the fabric8 client. Every change is a JSON patch that first
 * replaces {@code metadata.resourceVersion} with the version the caller read, so a change made by someone else in
 * between is a 409 Conflict, never silently overwritten. Stateless apart from the client; any thread.
 */
final class Kube {

    static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final String namespace;

    Kube(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    Deployment requireDeployment(String name) {
        Deployment d = deployment(name);
        if (d == null) {
            throw new IllegalStateException("Deployment " + namespace + "/" + name + " does not exist");
        }
        return d;
    }

    /** The ReplicaSets the Deployment controls, newest revision first. */
    List<ReplicaSet> replicaSets(Deployment d) {
        Map<String, String> match = d.getSpec().getSelector().getMatchLabels();
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : client.apps().replicaSets().inNamespace(namespace).withLabels(match).list().getItems()) {
            List<OwnerReference> refs = rs.getMetadata().getOwnerReferences();
            if (refs != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController())
                    && d.getMetadata().getUid().equals(r.getUid()))) {
                owned.add(rs);
            }
        }
        owned.sort(Comparator.comparingLong(Kube::revision).reversed());
        return owned;
    }

    /** The Deployment's ReplicaSet for this template (the newest when several match). */
    Optional<ReplicaSet> replicaSetFor(Deployment d, PodTemplateSpec template) {
        return replicaSets(d).stream().filter(rs -> Templates.equalIgnoringHash(rs.getSpec().getTemplate(), template))
                .findFirst();
    }

    static long revision(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        try {
            return a == null || a.get(REVISION) == null ? 0 : Long.parseLong(a.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String hash(ReplicaSet rs) {
        Map<String, String> labels = rs.getMetadata().getLabels();
        return labels == null ? null : labels.get(Templates.HASH_LABEL);
    }

    /** A JSON patch document that starts with the resourceVersion guard. */
    static ArrayNode guardedPatch(HasMetadata read) {
        ArrayNode ops = Trees.array();
        op(ops, "replace", "/metadata/resourceVersion", read.getMetadata().getResourceVersion());
        return ops;
    }

    static ArrayNode op(ArrayNode ops, String op, String path, Object value) {
        ObjectNode o = ops.addObject();
        o.put("op", op);
        o.put("path", path);
        o.set("value", Trees.of(value));
        return ops;
    }

    /** Resumes a paused Deployment by removing {@code spec.paused}, as it was before any release paused it. */
    Deployment resume(Deployment d) {
        var ops = guardedPatch(d);
        ops.addObject().put("op", "remove").put("path", "/spec/paused");
        return patchDeployment(d.getMetadata().getName(), ops);
    }

    Deployment patchDeployment(String name, ArrayNode ops) {
        return client.apps().deployments().inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON), ops.toString());
    }

    Deployment createDeployment(Deployment d) {
        return client.apps().deployments().inNamespace(namespace).resource(d).create();
    }

    /** Deletes the Deployment (its ReplicaSets and pods follow by garbage collection); false when already gone. */
    boolean deleteDeployment(String name) {
        return !client.apps().deployments().inNamespace(namespace).withName(name).delete().isEmpty();
    }

    Service service(String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    Service patchService(String name, ArrayNode ops) {
        return client.services().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON),
                ops.toString());
    }

    Service createService(Service s) {
        return client.services().inNamespace(namespace).resource(s).create();
    }

    boolean deleteService(String name) {
        return !client.services().inNamespace(namespace).withName(name).delete().isEmpty();
    }

    /** Pods with all these labels that are not being deleted. */
    List<Pod> pods(Map<String, String> labels) {
        return client.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** Pods with all these labels, terminating ones included. */
    int podsIncludingTerminating(Map<String, String> labels) {
        return client.pods().inNamespace(namespace).withLabels(labels).list().getItems().size();
    }

    /** The namespace's HTTPRoutes; none when the cluster does not serve the Gateway API (404). */
    List<HTTPRoute> routes() {
        try {
            return client.resources(HTTPRoute.class).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    HTTPRoute route(String name) {
        return client.resources(HTTPRoute.class).inNamespace(namespace).withName(name).get();
    }

    HTTPRoute patchRoute(String name, ArrayNode ops) {
        return client.resources(HTTPRoute.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON), ops.toString());
    }
}
