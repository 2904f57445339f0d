package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.LabelSelector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The essentials of the apiserver's validation for Deployments, ReplicaSets and pods (pkg/apis/apps/validation and
 * pkg/apis/core/validation), with their error texts. Stateless; called under the store lock from {@link AppsDefaults}.
 */
final class AppsValidation {

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
    private static final String NEGATIVE = "must be greater than or equal to 0";

    private AppsValidation() {
    }

    static void deployment(JsonNode d, JsonNode previous, FieldErrors errs) {
        JsonNode spec = d.path("spec");
        nonNegative(spec.get("replicas"), "spec.replicas", errs);
        selectorAndTemplate(spec, errs);
        strategy(spec.path("strategy"), errs);
        nonNegative(spec.get("minReadySeconds"), "spec.minReadySeconds", errs);
        nonNegative(spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit", errs);
        JsonNode deadline = spec.get("progressDeadlineSeconds");
        if (!PodDefaults.unset(deadline)) {
            nonNegative(deadline, "spec.progressDeadlineSeconds", errs);
            if (deadline.asLong() <= spec.path("minReadySeconds").asLong(0)) {
                errs.invalid("spec.progressDeadlineSeconds", Long.toString(deadline.asLong()),
                        "must be greater than minReadySeconds");
            }
        }
        immutableSelector(spec, previous, errs);
    }

    static void replicaSet(JsonNode rs, JsonNode previous, FieldErrors errs) {
        JsonNode spec = rs.path("spec");
        nonNegative(spec.get("replicas"), "spec.replicas", errs);
        nonNegative(spec.get("minReadySeconds"), "spec.minReadySeconds", errs);
        selectorAndTemplate(spec, errs);
        immutableSelector(spec, previous, errs);
    }

    static void pod(JsonNode pod, FieldErrors errs) {
        podSpec(pod.path("spec"), "spec", errs);
        int i = 0;
        for (JsonNode c : pod.path("spec").path("containers")) {
            String image = c.path("image").asString();
            if (image.length() != image.strip().length()) {
                errs.invalid("spec.containers[" + i + "].image", FieldErrors.quote(image),
                        "must not have leading or trailing whitespace");
            }
            i++;
        }
    }

    private static void selectorAndTemplate(JsonNode spec, FieldErrors errs) {
        JsonNode selector = spec.get("selector");
        boolean everything = false;
        if (PodDefaults.unset(selector)) {
            errs.required("spec.selector");
        } else if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
            errs.invalid("spec.selector", FieldErrors.goLabelSelector(selector),
                    "empty selector is invalid for deployment");
            everything = true;
        }
        JsonNode template = spec.path("template");
        JsonNode labels = template.path("metadata").get("labels");
        // A missing selector selects nothing: the template's labels cannot match it either.
        if (!everything && (PodDefaults.unset(selector) || !LabelSelector.matchesLabelSelector(selector,
                labels == null ? template.path("metadata").path("labels") : labels))) {
            errs.invalid("spec.template.metadata.labels", FieldErrors.goStringMap(labels),
                    "`selector` does not match template `labels`");
        }
        podSpec(template.path("spec"), "spec.template.spec", errs);
        String restart = template.path("spec").path("restartPolicy").asString();
        if (!restart.equals("Always")) {
            errs.notSupported("spec.template.spec.restartPolicy", FieldErrors.quote(restart), List.of("Always"));
        }
        if (!PodDefaults.unset(template.path("spec").get("activeDeadlineSeconds"))) {
            errs.forbidden("spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in ReplicaSet is not Supported");
        }
    }

    private static void podSpec(JsonNode spec, String path, FieldErrors errs) {
        JsonNode containers = spec.get("containers");
        if (containers == null || !containers.isArray() || containers.isEmpty()) {
            errs.required(path + ".containers");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < containers.size(); i++) {
                JsonNode c = containers.get(i);
                String p = path + ".containers[" + i + "]";
                String name = c.path("name").asString();
                if (name.isEmpty()) {
                    errs.required(p + ".name");
                } else {
                    dns1123Label(name, p + ".name", errs);
                }
                if (c.path("image").asString().isEmpty()) {
                    errs.required(p + ".image");
                }
                int j = 0;
                for (JsonNode port : c.path("ports")) {
                    int n = port.path("containerPort").asInt(0);
                    if (n < 1 || n > 65535) {
                        errs.invalid(p + ".ports[" + j + "].containerPort", Integer.toString(n),
                                "must be between 1 and 65535, inclusive");
                    }
                    j++;
                }
                if (!names.add(name)) {
                    errs.duplicate(p + ".name", name);
                }
            }
        }
        String restart = spec.path("restartPolicy").asString();
        if (!List.of("Always", "OnFailure", "Never").contains(restart)) {
            errs.notSupported(path + ".restartPolicy", FieldErrors.quote(restart),
                    List.of("Always", "OnFailure", "Never"));
        }
        String dns = spec.path("dnsPolicy").asString();
        if (!List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None").contains(dns)) {
            errs.notSupported(path + ".dnsPolicy", FieldErrors.quote(dns),
                    List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"));
        }
    }

    private static void strategy(JsonNode strategy, FieldErrors errs) {
        String type = strategy.path("type").asString();
        JsonNode rolling = strategy.get("rollingUpdate");
        switch (type) {
            case "Recreate" -> {
                if (!PodDefaults.unset(rolling)) {
                    errs.forbidden("spec.strategy.rollingUpdate",
                            "may not be specified when strategy `type` is 'Recreate'");
                }
            }
            case "RollingUpdate" -> {
                if (PodDefaults.unset(rolling)) {
                    errs.required("spec.strategy.rollingUpdate");
                } else {
                    rollingUpdate(rolling, errs);
                }
            }
            default -> errs.notSupported("spec.strategy", "apps.DeploymentStrategy{Type:" + FieldErrors.quote(type)
                    + ", RollingUpdate:(*apps.RollingUpdateDeployment)(" + (PodDefaults.unset(rolling) ? "nil"
                    : "0xc000a1c000") + ")}", List.of("Recreate", "RollingUpdate"));
        }
    }

    private static void rollingUpdate(JsonNode rolling, FieldErrors errs) {
        String base = "spec.strategy.rollingUpdate.";
        JsonNode unavailable = rolling.get("maxUnavailable");
        JsonNode surge = rolling.get("maxSurge");
        positiveIntOrPercent(unavailable, base + "maxUnavailable", errs);
        positiveIntOrPercent(surge, base + "maxSurge", errs);
        if (intOrPercentValue(unavailable) == 0 && intOrPercentValue(surge) == 0) {
            errs.invalid(base + "maxUnavailable", FieldErrors.goIntOrString(unavailable),
                    "may not be 0 when `maxSurge` is 0");
        }
        if (unavailable != null && unavailable.isString() && PERCENT.matcher(unavailable.asString()).matches()
                && intOrPercentValue(unavailable) > 100) {
            errs.invalid(base + "maxUnavailable", FieldErrors.goIntOrString(unavailable),
                    "must not be greater than 100%");
        }
    }

    private static void positiveIntOrPercent(JsonNode v, String path, FieldErrors errs) {
        if (v != null && v.isString()) {
            if (!PERCENT.matcher(v.asString()).matches()) {
                errs.invalid(path, FieldErrors.goIntOrString(v), "a valid percent string must be a numeric string "
                        + "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
            }
        } else if (v != null && v.isNumber() && v.asLong() < 0) {
            errs.invalid(path, Long.toString(v.asLong()), NEGATIVE);
        }
    }

    private static int intOrPercentValue(JsonNode v) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isString()) {
            String s = v.asString();
            if (PERCENT.matcher(s).matches()) {
                return Integer.parseInt(s.substring(0, s.length() - 1));
            }
            return 0;
        }
        return v.asInt();
    }

    private static void immutableSelector(JsonNode spec, JsonNode previous, FieldErrors errs) {
        if (previous == null) {
            return;
        }
        JsonNode now = spec.get("selector");
        JsonNode before = previous.path("spec").get("selector");
        if (!normalizedSelector(now).equals(normalizedSelector(before))) {
            errs.invalid("spec.selector", PodDefaults.unset(now) ? "null" : FieldErrors.goLabelSelector(now),
                    "field is immutable");
        }
    }

    /** The selector as semantic equality sees it: nil and empty maps and lists are the same. */
    private static JsonNode normalizedSelector(JsonNode selector) {
        if (PodDefaults.unset(selector)) {
            return Json.object();
        }
        ObjectNode n = Json.object();
        if (!selector.path("matchLabels").isEmpty()) {
            n.set("matchLabels", selector.get("matchLabels"));
        }
        if (!selector.path("matchExpressions").isEmpty()) {
            n.set("matchExpressions", selector.get("matchExpressions"));
        }
        return n;
    }

    private static void nonNegative(JsonNode v, String path, FieldErrors errs) {
        if (v != null && v.isNumber() && v.asLong() < 0) {
            errs.invalid(path, Long.toString(v.asLong()), NEGATIVE);
        }
    }

    private static void dns1123Label(String value, String path, FieldErrors errs) {
        if (value.length() > 63) {
            errs.invalid(path, FieldErrors.quote(value), "must be no more than 63 characters");
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            errs.invalid(path, FieldErrors.quote(value), "a lowercase RFC 1123 label must consist of lower case "
                    + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                    + "'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        }
    }
}
