package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Patches;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /scale} subresource of Deployments and ReplicaSets: an autoscaling/v1 Scale view of the object that
 * kubectl scale reads and patches; writing it sets spec.replicas. Request threads.
 */
final class ScaleSubresource {

    private ScaleSubresource() {
    }

    static Reply handle(ObjectStore store, ApiRequest r) {
        RequestTarget t = r.target();
        switch (r.method()) {
            case "GET" -> {
                return Reply.json(200, scaleOf(store.require(t.kind(), t.namespace(), t.name())));
            }
            case "PUT", "PATCH" -> {
                Stored s = store.modify(t.kind(), t.namespace(), t.name(), current -> {
                    ObjectNode scale = scaleOf(new Stored0(current));
                    ObjectNode next;
                    if (r.method().equals("PUT")) {
                        next = Json.parseObject(r.body());
                    } else {
                        String ct = r.contentType() == null ? "" : r.contentType().split(";")[0].trim();
                        next = Patches.apply(ct, scale, r.body(), t.kind());
                    }
                    JsonNode replicas = next.path("spec").path("replicas");
                    if (!replicas.isNumber() || replicas.asInt() < 0) {
                        throw new ApiException(422, "Invalid", "Scale.autoscaling \"" + t.name() + "\" is invalid: "
                                + "spec.replicas: Invalid value: " + replicas + ": must be greater than or equal to 0");
                    }
                    String rv = Json.text(next, "metadata.resourceVersion");
                    if (!rv.isEmpty()) {
                        Json.metadata(current).put("resourceVersion", rv);
                    }
                    Json.child(current, "spec").put("replicas", replicas.asInt());
                    return current;
                }, false, r.dryRun());
                return Reply.json(200, scaleOf(s));
            }
            default -> throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the "
                    + "requested resource");
        }
    }

    /** Lets {@link #scaleOf(Stored)} read an object that is not stored yet. */
    private record Stored0(ObjectNode object) {
    }

    private static ObjectNode scaleOf(Stored0 s) {
        return scale(s.object());
    }

    private static ObjectNode scaleOf(Stored s) {
        return scale(s.object());
    }

    private static ObjectNode scale(ObjectNode o) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        for (String f : new String[]{"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (o.path("metadata").has(f)) {
                meta.set(f, o.path("metadata").get(f).deepCopy());
            }
        }
        scale.putObject("spec").put("replicas", o.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", o.path("status").path("replicas").asInt(0));
        StringBuilder sel = new StringBuilder();
        JsonNode ml = o.path("spec").path("selector").path("matchLabels");
        for (var e : ml.properties()) {
            if (!sel.isEmpty()) {
                sel.append(',');
            }
            sel.append(e.getKey()).append('=').append(e.getValue().asString());
        }
        status.put("selector", sel.toString());
        return scale;
    }
}
