package io.flightdeck.sandbox.api;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON helpers shared by the patch classes: parsing a patch body, comparing scalars the way Go compares decoded
 * JSON values, and printing values as Go's {@code %v} does so error texts read like kube-apiserver's. Stateless;
 * called from any thread.
 */
final class PatchJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PatchJson() {
    }

    /** The JSON value of a patch body; an empty body or bad JSON throws a 400 with {@code prefix} before the cause. */
    static JsonNode parse(byte[] body, String prefix) {
        if (body == null || body.length == 0) {
            throw PatchException.badRequest(prefix + "unexpected end of JSON input");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw PatchException.badRequest(prefix + "unexpected end of JSON input");
            }
            return node;
        } catch (JacksonException e) {
            throw PatchException.badRequest(prefix + e.getOriginalMessage());
        }
    }

    /** Whether two values are equal, numbers compared by value (1 and 1L are the same, null equals null). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Go's kind word for a decoded value, as in "cannot unmarshal array into ...". */
    static String goKind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "bool";
            default -> "null";
        };
    }

    /** Go's reflect type name of a decoded value, as in "expected a []interface {}, but received a string". */
    static String goType(JsonNode node) {
        if (node == null || node.isNull()) {
            return "<nil>";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "map[string]interface {}";
            case ARRAY -> "[]interface {}";
            case STRING -> "string";
            case NUMBER -> node.isIntegralNumber() ? "int64" : "float64";
            case BOOLEAN -> "bool";
            default -> "<nil>";
        };
    }

    /** The value printed as Go's {@code %v} prints a decoded value: {@code map[name:a ports:[80 443]]}. */
    static String goString(JsonNode node) {
        if (node == null || node.isNull()) {
            return "<nil>";
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted.entrySet().stream().map(e -> e.getKey() + ":" + goString(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false).map(PatchJson::goString)
                    .collect(Collectors.joining(" ", "[", "]"));
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.scale() <= 0 ? value.toBigInteger().toString() : value.toPlainString();
        }
        return node.asString();
    }
}
