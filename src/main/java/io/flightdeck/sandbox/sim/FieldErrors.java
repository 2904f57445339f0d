package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.ResourceKind;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects field errors as apimachinery's {@code field.ErrorList} prints them ("spec.replicas: Invalid value: -1: must
 * be greater than or equal to 0"), and turns them into the apiserver's 422. Bad values are written as Go's {@code %v},
 * {@code %q} or {@code %#v} would write them. One instance per admission call; not thread-safe.
 */
final class FieldErrors {

    private final List<ApiException.Cause> errors = new ArrayList<>();

    void required(String path) {
        errors.add(new ApiException.Cause("FieldValueRequired", "Required value", path));
    }

    void invalid(String path, String goValue, String detail) {
        errors.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + goValue + ": " + detail, path));
    }

    void duplicate(String path, String value) {
        errors.add(new ApiException.Cause("FieldValueDuplicate", "Duplicate value: " + quote(value), path));
    }

    void notSupported(String path, String goValue, List<String> supported) {
        StringBuilder sb = new StringBuilder("Unsupported value: ").append(goValue).append(": supported values: ");
        for (int i = 0; i < supported.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(supported.get(i)));
        }
        errors.add(new ApiException.Cause("FieldValueNotSupported", sb.toString(), path));
    }

    void forbidden(String path, String detail) {
        errors.add(new ApiException.Cause("FieldValueForbidden", "Forbidden: " + detail, path));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /**
     * Throws the apiserver's 422 when there are errors: the message has one error as it is, several as "[a, b]"
     * (deduplicated); each is also a cause.
     */
    void throwIfAny(ResourceKind kind, String name) {
        if (errors.isEmpty()) {
            return;
        }
        List<ApiException.Cause> unique = new ArrayList<>(new LinkedHashSet<>(errors));
        List<String> texts = unique.stream().map(c -> c.field() + ": " + c.message()).toList();
        String why = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
        throw ApiException.invalid(kind, name, why, unique);
    }

    /** Go's %q for a string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's %#v of a map[string]string: keys sorted, nil when absent. */
    static String goStringMap(JsonNode map) {
        if (map == null || map.isNull() || map.isMissingNode() || !map.isObject()) {
            return "map[string]string(nil)";
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            sorted.put(e.getKey(), e.getValue().asString());
        }
        StringBuilder sb = new StringBuilder("map[string]string{");
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            sb.append(first ? "" : ", ").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }

    /** Go's %#v of a metav1.LabelSelector value. */
    static String goLabelSelector(JsonNode selector) {
        StringBuilder sb = new StringBuilder("v1.LabelSelector{MatchLabels:");
        sb.append(goStringMap(selector.get("matchLabels"))).append(", MatchExpressions:");
        JsonNode exprs = selector.get("matchExpressions");
        if (exprs == null || !exprs.isArray()) {
            sb.append("[]v1.LabelSelectorRequirement(nil)");
        } else {
            sb.append("[]v1.LabelSelectorRequirement{");
            for (int i = 0; i < exprs.size(); i++) {
                JsonNode e = exprs.get(i);
                sb.append(i == 0 ? "" : ", ").append("v1.LabelSelectorRequirement{Key:")
                        .append(quote(e.path("key").asString())).append(", Operator:")
                        .append(quote(e.path("operator").asString())).append(", Values:");
                JsonNode values = e.get("values");
                if (values == null || !values.isArray()) {
                    sb.append("[]string(nil)");
                } else {
                    sb.append("[]string{");
                    for (int j = 0; j < values.size(); j++) {
                        sb.append(j == 0 ? "" : ", ").append(quote(values.get(j).asString()));
                    }
                    sb.append('}');
                }
                sb.append('}');
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    /** Go's %#v of an intstr.IntOrString value; absent is the zero value. */
    static String goIntOrString(JsonNode v) {
        if (v != null && v.isString()) {
            return "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + quote(v.asString()) + "}";
        }
        int i = v == null || v.isNull() ? 0 : v.asInt();
        return "intstr.IntOrString{Type:0, IntVal:" + i + ", StrVal:\"\"}";
    }
}
