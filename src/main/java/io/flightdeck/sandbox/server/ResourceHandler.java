package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.api.PatchException;
import io.flightdeck.sandbox.api.Patches;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.DeleteOptions;
import io.flightdeck.sandbox.store.ListResult;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serves resource requests that are not watches or logs: get, list, create, update, patch, delete and
 * deletecollection, the status and scale subresources, and SelfSubjectAccessReviews. Turns store results into
 * the apiserver's responses. Called on the server's request threads; holds no state of its own.
 */
final class ResourceHandler {

    private final ObjectStore store;
    private final SandboxRbac rbac;
    private final Printer printer;

    ResourceHandler(ObjectStore store, SandboxRbac rbac, Printer printer) {
        this.store = store;
        this.rbac = rbac;
        this.printer = printer;
    }

    Reply handle(ApiRequest r) {
        RequestTarget t = r.target();
        if (t.subresource().equals("scale")) {
            return ScaleSubresource.handle(store, r);
        }
        return switch (r.method()) {
            case "GET", "HEAD" -> t.isCollection() ? list(r) : get(r);
            case "POST" -> create(r);
            case "PUT" -> update(r);
            case "PATCH" -> patch(r);
            case "DELETE" -> t.isCollection() ? deleteCollection(r) : delete(r);
            default -> throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the "
                    + "requested resource");
        };
    }

    private Reply get(ApiRequest r) {
        RequestTarget t = r.target();
        Stored s = store.require(t.kind(), t.namespace(), t.name());
        return printer.one(t.kind(), s, r);
    }

    private Reply list(ApiRequest r) {
        RequestTarget t = r.target();
        LabelSelector labels = LabelSelector.parse(r.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(r.param("fieldSelector"), t.kind());
        int limit = parseInt(r.param("limit"), 0);
        ListResult res = store.list(t.kind(), t.namespace(), labels, fields, limit, r.param("continue"));
        return printer.list(t.kind(), res, r);
    }

    /** The body of a list response: the items' stored bytes put together without re-serializing. */
    static byte[] listJson(ResourceKind kind, ListResult res) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + res.items().size() * 1024);
        String head = "{\"kind\":\"" + kind.listKind() + "\",\"apiVersion\":\"" + kind.apiVersion()
                + "\",\"metadata\":{\"resourceVersion\":\"" + res.resourceVersion() + "\""
                + (res.continueToken().isEmpty() ? "" : ",\"continue\":\"" + res.continueToken() + "\"")
                + "},\"items\":[";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        boolean first = true;
        for (Stored s : res.items()) {
            if (!first) {
                out.write(',');
            }
            out.writeBytes(s.json());
            first = false;
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private Reply create(ApiRequest r) {
        RequestTarget t = r.target();
        if (!t.isCollection() && t.subresource().isEmpty()) {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                    + "resource");
        }
        ObjectNode obj;
        if (ProtobufBodies.isProtobuf(r.contentType())) {
            obj = ProtobufBodies.toJson(r.body());
        } else {
            requireJson(r);
            obj = Json.parseObject(r.body());
        }
        checkTypeMeta(t.kind(), obj);
        if (t.kind() == Kinds.SELF_SUBJECT_ACCESS_REVIEW) {
            return Reply.json(201, AccessReview.answer(rbac, obj));
        }
        String ns = Json.text(obj, "metadata.namespace");
        if (t.kind().namespaced() && !ns.isEmpty() && !ns.equals(t.namespace())) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
        Stored s = store.create(t.kind(), t.namespace(), obj, r.dryRun());
        return Reply.json(201, s.json());
    }

    private Reply update(ApiRequest r) {
        RequestTarget t = r.target();
        requireJson(r);
        ObjectNode obj = Json.parseObject(r.body());
        checkTypeMeta(t.kind(), obj);
        String name = Json.text(obj, "metadata.name");
        if (!name.equals(t.name())) {
            throw ApiException.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + t.name() + ")");
        }
        Stored s = store.update(t.kind(), t.namespace(), t.name(), obj, t.subresource().equals("status"),
                r.dryRun());
        return Reply.json(200, s.json());
    }

    private Reply patch(ApiRequest r) {
        RequestTarget t = r.target();
        String ct = r.contentType() == null ? "" : r.contentType().split(";")[0].trim();
        try {
            Stored s = store.modify(t.kind(), t.namespace(), t.name(),
                    current -> Patches.apply(ct, current, r.body(), t.kind()),
                    t.subresource().equals("status"), r.dryRun());
            return Reply.json(200, s.json());
        } catch (PatchException e) {
            throw new ApiException(e.code(), e.reason(), e.getMessage(), t.kind(), t.name());
        }
    }

    private Reply delete(ApiRequest r) {
        RequestTarget t = r.target();
        Stored s = store.delete(t.kind(), t.namespace(), t.name(), deleteOptions(r));
        return Reply.json(200, s.json());
    }

    private Reply deleteCollection(ApiRequest r) {
        RequestTarget t = r.target();
        LabelSelector labels = LabelSelector.parse(r.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(r.param("fieldSelector"), t.kind());
        ListResult res = store.list(t.kind(), t.namespace(), labels, fields, 0, null);
        DeleteOptions opts = deleteOptions(r);
        for (Stored s : res.items()) {
            try {
                store.delete(t.kind(), s.namespace(), s.name(), opts);
            } catch (ApiException gone) {
                if (gone.code() != 404) {
                    throw gone;
                }
            }
        }
        return printer.list(t.kind(), res, r);
    }

    private static DeleteOptions deleteOptions(ApiRequest r) {
        Long grace = r.param("gracePeriodSeconds") == null ? null : (long) parseInt(r.param("gracePeriodSeconds"), 0);
        String policy = r.param("propagationPolicy");
        String uid = null;
        String rv = null;
        if (r.body() != null && r.body().length > 0) {
            ObjectNode o = Json.parseObject(r.body());
            if (o.has("gracePeriodSeconds")) {
                grace = o.get("gracePeriodSeconds").asLong();
            }
            if (o.has("propagationPolicy")) {
                policy = o.get("propagationPolicy").asString();
            } else if (o.has("orphanDependents") && o.get("orphanDependents").asBoolean()) {
                policy = "Orphan";
            }
            JsonNode pre = o.path("preconditions");
            uid = pre.hasNonNull("uid") ? pre.get("uid").asString() : null;
            rv = pre.hasNonNull("resourceVersion") ? pre.get("resourceVersion").asString() : null;
        }
        return new DeleteOptions(grace, policy, uid, rv);
    }

    private static void requireJson(ApiRequest r) {
        String ct = r.contentType() == null ? "" : r.contentType().split(";")[0].trim();
        if (!ct.equals("application/json") && !ct.isEmpty()) {
            throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: application/json, application/yaml, "
                    + "application/vnd.kubernetes.protobuf");
        }
    }

    private static void checkTypeMeta(ResourceKind kind, ObjectNode obj) {
        String av = Json.text(obj, "apiVersion");
        String k = Json.text(obj, "kind");
        if (!av.isEmpty() && !av.equals(kind.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + av + ") does not match the expected API "
                    + "version (" + kind.apiVersion() + ")");
        }
        if (!k.isEmpty() && !k.equals(kind.kind())) {
            throw ApiException.badRequest("the kind in the data (" + k + ") does not match the expected kind ("
                    + kind.kind() + ")");
        }
        obj.put("apiVersion", kind.apiVersion());
        obj.put("kind", kind.kind());
    }

    static int parseInt(String s, int dflt) {
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid integer: " + s);
        }
    }
}
