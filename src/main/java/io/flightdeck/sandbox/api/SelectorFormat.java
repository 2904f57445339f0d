package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label maps and metav1.LabelSelectors written as apimachinery writes them: labels.FormatLabels
 * ("app=cart,track=stable", "&lt;none&gt;") and LabelSelectorAsSelector(...).String() ("app=cart,tier in (a,b)").
 * Stateless; any thread.
 */
final class SelectorFormat {

    private SelectorFormat() {
    }

    /** labels.FormatLabels: keys sorted, "k=v" joined by commas, "&lt;none&gt;" when empty. */
    static String labels(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        if (map != null && map.isObject()) {
            for (var e : map.properties()) {
                sorted.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : "");
            }
        }
        if (sorted.isEmpty()) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** metav1.FormatLabelSelector: the selector string, "&lt;none&gt;" when it selects nothing or everything. */
    static String labelSelector(JsonNode selector) {
        String s = selectorString(selector);
        if (s == null) {
            return "<error>";
        }
        return s.isEmpty() ? "<none>" : s;
    }

    /**
     * LabelSelectorAsSelector(selector).String(): "" for a missing or empty selector, null when the selector is
     * invalid (an unknown operator, or values that do not fit the operator).
     */
    static String selectorString(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return "";
        }
        record Req(String key, String text) {
        }
        List<Req> reqs = new ArrayList<>();
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject()) {
            for (var e : matchLabels.properties()) {
                reqs.add(new Req(e.getKey(), e.getKey() + "=" + e.getValue().asString("")));
            }
        }
        for (JsonNode ex : selector.path("matchExpressions")) {
            String key = ex.path("key").asString("");
            List<String> values = new ArrayList<>();
            ex.path("values").forEach(v -> values.add(v.asString("")));
            String op = ex.path("operator").asString("");
            String text = switch (op) {
                case "In", "NotIn" -> values.isEmpty() ? null
                        : key + (op.equals("In") ? " in (" : " notin (") + String.join(",", sorted(values)) + ")";
                case "Exists" -> values.isEmpty() ? key : null;
                case "DoesNotExist" -> values.isEmpty() ? "!" + key : null;
                default -> null;
            };
            if (text == null) {
                return null;
            }
            reqs.add(new Req(key, text));
        }
        reqs.sort(Comparator.comparing(Req::key));
        StringBuilder sb = new StringBuilder();
        for (Req r : reqs) {
            sb.append(sb.isEmpty() ? "" : ",").append(r.text());
        }
        return sb.toString();
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
