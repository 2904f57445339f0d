package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed field selector ({@code metadata.name=x,status.phase!=Running}). Supports the fields the apiserver
 * allows per kind that kubectl and informers use; others are a 400 like the apiserver's. Immutable; any thread.
 */
public final class FieldSelector {

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
    private static final Set<String> POD = Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName");
    private static final Set<String> EVENT = Set.of("involvedObject.kind", "involvedObject.namespace",
            "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type", "regarding.kind",
            "regarding.namespace", "regarding.name", "regarding.uid", "reportingController");

    private record Term(String field, boolean equal, String value) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector parse(String selector, ResourceKind kind) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : selector.split(",")) {
            String p = part.trim();
            int ne = p.indexOf("!=");
            int eq = p.indexOf('=');
            Term t;
            if (ne >= 0) {
                t = new Term(p.substring(0, ne).trim(), false, p.substring(ne + 2).trim());
            } else if (eq >= 0) {
                int vs = p.startsWith("==", eq) ? eq + 2 : eq + 1;
                t = new Term(p.substring(0, eq).trim(), true, p.substring(vs).trim());
            } else {
                throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + p + "'");
            }
            if (!supported(t.field(), kind)) {
                throw ApiException.badRequest("field label not supported: " + t.field());
            }
            terms.add(t);
        }
        return new FieldSelector(List.copyOf(terms));
    }

    public boolean matches(JsonNode object) {
        for (Term t : terms) {
            String actual = Json.text(object, t.field());
            if (t.field().equals("source")) {
                actual = Json.text(object, "source.component");
            }
            if (actual.equals(t.value()) != t.equal()) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    /** The value of an equality term on metadata.name, or null: lets a list or watch use the name index. */
    public String exactName() {
        for (Term t : terms) {
            if (t.equal() && t.field().equals("metadata.name")) {
                return t.value();
            }
        }
        return null;
    }

    private static boolean supported(String field, ResourceKind kind) {
        if (COMMON.contains(field)) {
            return true;
        }
        return switch (kind.kind()) {
            case "Pod" -> POD.contains(field);
            case "Event" -> EVENT.contains(field);
            case "ReplicaSet" -> field.equals("status.replicas");
            case "Namespace" -> field.equals("status.phase");
            default -> false;
        };
    }
}
