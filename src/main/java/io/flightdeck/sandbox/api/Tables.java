package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * Server-side printing as the kube-apiserver does it for {@code kubectl get}: negotiates a meta.k8s.io Table from
 * the Accept header, and turns objects into a Table (columnDefinitions, one row of cells per object, the row's
 * object as PartialObjectMetadata, the full object or nothing per {@code includeObject}), for lists, single GETs and
 * watch events. Stored trees are never modified; the returned tree shares their nodes (metadata, or the whole object
 * for includeObject=Object), so callers serialize it and do not change it. Stateless; called on whichever thread
 * serves the request.
 */
public final class Tables {

    public static final String V1 = "meta.k8s.io/v1";
    public static final String V1BETA1 = "meta.k8s.io/v1beta1";

    /** Which Table the client asked for and how: apiVersion, includeObject (None|Metadata|Object), headers. */
    public record Options(String apiVersion, String includeObject, boolean noHeaders) {

        public Options {
            if (!V1.equals(apiVersion) && !V1BETA1.equals(apiVersion)) {
                throw new IllegalArgumentException("not a Table apiVersion: " + apiVersion);
            }
            includeObject = validIncludeObject(includeObject);
        }

        /** The same options without columnDefinitions, as the apiserver sends every watch event after the first. */
        public Options withoutHeaders() {
            return new Options(apiVersion, includeObject, true);
        }
    }

    private Tables() {
    }

    /** Whether the apiserver would answer this Accept header with a Table (application/json only). */
    public static boolean wantsTable(String acceptHeader) {
        return tableApiVersion(acceptHeader) != null;
    }

    /**
     * The Table apiVersion the first acceptable clause of the Accept header asks for, "meta.k8s.io/v1" or
     * "meta.k8s.io/v1beta1", or null when the first acceptable clause is plain JSON (or there is none). Clauses are
     * tried as the apiserver's negotiation tries them: by q, concrete types before wildcards, then in header order.
     */
    public static String tableApiVersion(String acceptHeader) {
        return AcceptHeader.tableApiVersion(acceptHeader);
    }

    /** A meta.k8s.io/v1 Table with headers, as for a list or single GET; see the {@link Options} overload. */
    public static ObjectNode table(ResourceKind kind, List<ObjectNode> objects, String includeObject, Instant now,
                                   String listResourceVersion, String continueToken) {
        return table(kind, objects, new Options(V1, includeObject, false), now, listResourceVersion, continueToken);
    }

    /**
     * The Table the apiserver returns for these objects: metadata.resourceVersion (the list's, or the object's for a
     * single GET or watch event) and continue, columnDefinitions unless noHeaders, and one row per object whose
     * cells are computed at {@code now}. An invalid includeObject is the apiserver's 400. Like the apiserver, an
     * empty list gives {@code "rows": []}, or {@code null} from the default convertor.
     */
    public static ObjectNode table(ResourceKind kind, List<ObjectNode> objects, Options options, Instant now,
                                   String resourceVersion, String continueToken) {
        TablePrinters.Printer printer = TablePrinters.forKind(kind);
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", options.apiVersion());
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        if (options.noHeaders()) {
            table.putNull("columnDefinitions");
        } else {
            ArrayNode columns = table.putArray("columnDefinitions");
            for (TableColumns.Column c : printer.columns()) {
                columns.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
                        .put("description", c.description()).put("priority", c.priority());
            }
        }
        if (objects.isEmpty() && printer.columns() == TableColumns.DEFAULT) {
            table.putNull("rows");
            return table;
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            TablePrinters.Row row = printer.row().apply(object, now);
            ObjectNode r = rows.addObject();
            r.set("cells", row.cells);
            if (row.conditions != null) {
                r.set("conditions", row.conditions);
            }
            r.set("object", rowObject(kind, object, options));
        }
        return table;
    }

    /**
     * One watch event for a Table watch: {"type": type, "object": Table with this object's row}, the Table's
     * resourceVersion being the object's. The apiserver includes columnDefinitions only in the first event of a
     * watch; pass {@link Options#withoutHeaders()} for the others. ERROR events carry a Status, which is not
     * converted.
     */
    public static ObjectNode watchEvent(String type, ResourceKind kind, ObjectNode object, Options options,
                                        Instant now) {
        ObjectNode event = Json.object();
        event.put("type", type);
        if (object.path("kind").asString("").equals("Status") && object.path("apiVersion").asString("").equals("v1")) {
            event.set("object", object);
        } else {
            String rv = object.path("metadata").path("resourceVersion").asString("");
            event.set("object", table(kind, List.of(object), options, now, rv, null));
        }
        return event;
    }

    /** The row's object per includeObject, as the apiserver's asTable fills metav1.TableRow.Object. */
    private static JsonNode rowObject(ResourceKind kind, ObjectNode object, Options options) {
        switch (options.includeObject()) {
            case "None":
                return Json.NODES.nullNode();
            case "Object":
                if (object.path("kind").asString("").equals(kind.kind())
                        && object.path("apiVersion").asString("").equals(kind.apiVersion())) {
                    return object;
                }
                ObjectNode typed = Json.object();
                typed.put("kind", kind.kind());
                typed.put("apiVersion", kind.apiVersion());
                object.properties().forEach(e -> {
                    if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion")) {
                        typed.set(e.getKey(), e.getValue());
                    }
                });
                return typed;
            default:
                ObjectNode partial = Json.object();
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", options.apiVersion());
                partial.set("metadata", object.path("metadata").isObject() ? object.get("metadata") : Json.object());
                return partial;
        }
    }

    /** ValidateTableOptions: "", Metadata, None and Object; "" means Metadata. */
    private static String validIncludeObject(String includeObject) {
        if (includeObject == null || includeObject.isEmpty()) {
            return "Metadata";
        }
        return switch (includeObject) {
            case "Metadata", "None", "Object" -> includeObject;
            default -> throw ApiException.badRequest("Unable to convert to Table as requested: includeObject: "
                    + "Invalid value: \"" + includeObject + "\": must be 'Metadata', 'Object', 'None', or empty");
        };
    }
}
