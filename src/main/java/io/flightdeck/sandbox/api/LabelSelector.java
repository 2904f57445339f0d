package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed Kubernetes label selector ({@code a=b,c!=d,e in (x,y),f notin (z),g,!h}) with the apiserver's parse errors.
 * Immutable; any thread.
 */
public final class LabelSelector {

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private enum Op { EQ, NE, IN, NOTIN, EXISTS, NOT_EXISTS }

    private record Requirement(String key, Op op, Set<String> values) {
        boolean matches(JsonNode labels) {
            JsonNode v = labels.get(key);
            boolean has = v != null && v.isString();
            String s = has ? v.asString() : null;
            return switch (op) {
                case EQ, IN -> has && values.contains(s);
                case NE, NOTIN -> !has || !values.contains(s);
                case EXISTS -> has;
                case NOT_EXISTS -> !has;
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** Parses a selector string; null or blank selects everything. Throws a 400 ApiException when malformed. */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            reqs.add(parseRequirement(part.trim(), selector));
        }
        return new LabelSelector(List.copyOf(reqs));
    }

    public boolean matches(JsonNode object) {
        if (requirements.isEmpty()) {
            return true;
        }
        JsonNode labels = object.path("metadata").path("labels");
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Matches a selector given as a JSON map of equality requirements (Service.spec.selector style). */
    public static boolean matchesMap(JsonNode selectorMap, JsonNode labels) {
        if (selectorMap == null || !selectorMap.isObject() || selectorMap.isEmpty()) {
            return false;
        }
        for (var e : selectorMap.properties()) {
            JsonNode v = labels.get(e.getKey());
            if (v == null || !v.asString().equals(e.getValue().asString())) {
                return false;
            }
        }
        return true;
    }

    /** Matches a metav1.LabelSelector object ({@code matchLabels}, {@code matchExpressions}). */
    public static boolean matchesLabelSelector(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        JsonNode ml = selector.path("matchLabels");
        if (ml.isObject()) {
            for (var e : ml.properties()) {
                JsonNode v = labels.get(e.getKey());
                if (v == null || !v.asString().equals(e.getValue().asString())) {
                    return false;
                }
            }
        }
        for (JsonNode ex : selector.path("matchExpressions")) {
            String key = ex.path("key").asString();
            JsonNode v = labels.get(key);
            Set<String> values = new java.util.HashSet<>();
            ex.path("values").forEach(x -> values.add(x.asString()));
            boolean ok = switch (ex.path("operator").asString()) {
                case "In" -> v != null && values.contains(v.asString());
                case "NotIn" -> v == null || !values.contains(v.asString());
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static Requirement parseRequirement(String p, String whole) {
        if (p.isEmpty()) {
            throw bad(whole, "found '', expected: !, identifier, or 'end of string'");
        }
        if (p.startsWith("!")) {
            return new Requirement(key(p.substring(1).trim(), whole), Op.NOT_EXISTS, Set.of());
        }
        String[] ws = p.split("\\s+", 2);
        if (ws.length == 2 && (ws[1].startsWith("in ") || ws[1].startsWith("in(")
                || ws[1].startsWith("notin ") || ws[1].startsWith("notin("))) {
            boolean in = ws[1].startsWith("in");
            String rest = ws[1].substring(in ? 2 : 5).trim();
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                throw bad(whole, "found '" + rest + "', expected: '('");
            }
            Set<String> values = new java.util.LinkedHashSet<>();
            for (String v : rest.substring(1, rest.length() - 1).split(",")) {
                values.add(value(v.trim(), whole));
            }
            return new Requirement(key(ws[0], whole), in ? Op.IN : Op.NOTIN, Set.copyOf(values));
        }
        int ne = p.indexOf("!=");
        int eq = p.indexOf('=');
        if (ne >= 0) {
            return new Requirement(key(p.substring(0, ne).trim(), whole), Op.NE,
                    Set.of(value(p.substring(ne + 2).trim(), whole)));
        }
        if (eq >= 0) {
            int vs = p.startsWith("==", eq) ? eq + 2 : eq + 1;
            return new Requirement(key(p.substring(0, eq).trim(), whole), Op.EQ,
                    Set.of(value(p.substring(vs).trim(), whole)));
        }
        if (p.contains(" ") || p.contains("(") || p.contains(")")) {
            throw bad(whole, "found '" + p + "', expected: =, !=, ==, in, notin");
        }
        return new Requirement(key(p, whole), Op.EXISTS, Set.of());
    }

    private static String key(String k, String whole) {
        if (!KEY.matcher(k).matches() || k.length() > 316) {
            throw bad(whole, "invalid label key \"" + k + "\": name part must consist of alphanumeric characters, "
                    + "'-', '_' or '.', and must start and end with an alphanumeric character");
        }
        return k;
    }

    private static String value(String v, String whole) {
        if (!VALUE.matcher(v).matches() || v.length() > 63) {
            throw bad(whole, "invalid label value: \"" + v + "\": a valid label must be an empty string or consist "
                    + "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                    + "character");
        }
        return v;
    }

    private static ApiException bad(String whole, String why) {
        return ApiException.badRequest("unable to parse requirement: " + why + " (in selector \"" + whole + "\")");
    }
}
