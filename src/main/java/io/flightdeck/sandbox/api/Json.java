package io.flightdeck.sandbox.api;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** JSON helpers for the sandbox's raw object trees (Jackson 3, as fabric8 8 uses). Stateless; any thread. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses a request body that must be a JSON object; anything else is a 400 like the apiserver's. */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body of the request was in an unknown format - accepted media types "
                    + "include: application/json, application/yaml, application/vnd.kubernetes.protobuf: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body of the request must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** The string at a dotted path ("metadata.name"), or "" when missing or not a string. */
    public static String text(JsonNode node, String dottedPath) {
        JsonNode n = node;
        int start = 0;
        while (start <= dottedPath.length()) {
            int dot = dottedPath.indexOf('.', start);
            String part = dot < 0 ? dottedPath.substring(start) : dottedPath.substring(start, dot);
            n = n.path(part);
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return n.isValueNode() && !n.isNull() ? n.asString() : "";
    }

    /** The object at {@code node.field}, created when absent. */
    public static ObjectNode child(ObjectNode node, String field) {
        JsonNode c = node.get(field);
        if (c instanceof ObjectNode o) {
            return o;
        }
        return node.putObject(field);
    }

    public static ObjectNode metadata(ObjectNode obj) {
        return child(obj, "metadata");
    }

    /** RFC 3339 with seconds, as metav1.Time is written. */
    public static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** RFC 3339 with microseconds, as metav1.MicroTime is written. */
    public static String microTime(Instant t) {
        Instant m = t.truncatedTo(ChronoUnit.MICROS);
        String s = m.toString();
        if (m.getNano() == 0) {
            return s.replace("Z", ".000000Z");
        }
        int dot = s.indexOf('.');
        String frac = s.substring(dot + 1, s.length() - 1);
        return s.substring(0, dot + 1) + (frac + "000000").substring(0, 6) + "Z";
    }
}
