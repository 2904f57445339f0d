package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Comparator;

/**
 * One ReplicaSet as the Deployment controller's algorithms see it, like the *apps.ReplicaSet pointers of the Go code:
 * read-only getters over the stored object, replaced by the stored result when the controller updates it. Used by
 * one sync on the controller thread.
 */
final class RsView {

    /** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
    static final Comparator<RsView> BY_CREATION = Comparator.comparing(RsView::created)
            .thenComparing(RsView::name);
    /** ReplicaSetsBySizeOlder: larger first, older first among equals. */
    static final Comparator<RsView> BY_SIZE_OLDER = Comparator.comparingInt(RsView::replicas).reversed()
            .thenComparing(BY_CREATION);
    /** ReplicaSetsBySizeNewer: larger first, newer first among equals. */
    static final Comparator<RsView> BY_SIZE_NEWER = Comparator.comparingInt(RsView::replicas).reversed()
            .thenComparing(BY_CREATION.reversed());
    /** ReplicaSetsByRevision: lower revision first, then by creation. */
    static final Comparator<RsView> BY_REVISION = Comparator.comparingLong(RsView::revisionOrZero)
            .thenComparing(BY_CREATION);

    private Stored stored;

    RsView(Stored stored) {
        this.stored = stored;
    }

    Stored stored() {
        return stored;
    }

    void replaceWith(Stored updated) {
        this.stored = updated;
    }

    JsonNode obj() {
        return stored.object();
    }

    ObjectNode copy() {
        return stored.copy();
    }

    String name() {
        return stored.name();
    }

    String namespace() {
        return stored.namespace();
    }

    String uid() {
        return stored.uid();
    }

    int replicas() {
        return obj().path("spec").path("replicas").asInt(1);
    }

    int minReadySeconds() {
        return obj().path("spec").path("minReadySeconds").asInt(0);
    }

    JsonNode template() {
        return obj().path("spec").path("template");
    }

    int statusReplicas() {
        return obj().path("status").path("replicas").asInt(0);
    }

    int readyReplicas() {
        return obj().path("status").path("readyReplicas").asInt(0);
    }

    int availableReplicas() {
        return obj().path("status").path("availableReplicas").asInt(0);
    }

    long generation() {
        return obj().path("metadata").path("generation").asLong(0);
    }

    long observedGeneration() {
        return obj().path("status").path("observedGeneration").asLong(0);
    }

    boolean deleting() {
        return Pods.isTerminating(obj());
    }

    Instant created() {
        Instant t = Pods.time(obj().path("metadata").path("creationTimestamp").asString());
        return t == null ? Instant.EPOCH : t;
    }

    String annotation(String key) {
        JsonNode v = obj().path("metadata").path("annotations").get(key);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** The revision annotation; null when it is not a number (the Go code logs and skips it). */
    Long revision() {
        String v = annotation(DeploymentUtil.REVISION);
        if (v == null) {
            return 0L;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long revisionOrZero() {
        Long r = revision();
        return r == null ? 0 : r;
    }
}
