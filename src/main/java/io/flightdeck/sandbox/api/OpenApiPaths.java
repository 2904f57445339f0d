package io.flightdeck.sandbox.api;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the "paths" of one group version's OpenAPI v3 document from the kind table: one operation per advertised
 * verb, each marked with {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}. kubectl reads the
 * PATCH operations to learn that the server validates fields itself (the {@code fieldValidation} query parameter).
 * Stateless; {@link OpenApi} calls it once per document.
 */
final class OpenApiPaths {

    /**
     * Body types a PATCH accepts, as advertised. Strategic merge patch is served but deliberately not advertised:
     * kubectl computes such patches from the OpenAPI schema when it is listed, and the sandbox's schemas are not
     * complete enough for that, so kubectl falls back to its compiled-in merge keys, which are exact.
     */
    static final List<String> PATCH_TYPES =
            List.of("application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml");

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final List<String> WRITE_PARAMS = List.of("dryRun", "fieldManager", "fieldValidation", "pretty");
    private static final List<String> PATCH_PARAMS =
            List.of("dryRun", "fieldManager", "fieldValidation", "force", "pretty");
    private static final List<String> LIST_PARAMS = List.of("labelSelector", "fieldSelector", "limit", "continue",
            "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "watch", "allowWatchBookmarks", "pretty");
    private static final List<String> DELETE_PARAMS =
            List.of("dryRun", "gracePeriodSeconds", "propagationPolicy", "pretty");
    static final String PATCH_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    static final String STATUS_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";

    private OpenApiPaths() {
    }

    static ObjectNode paths(List<ResourceKind> kinds) {
        ObjectNode paths = JSON.createObjectNode();
        for (ResourceKind kind : kinds) {
            String root = "/" + (kind.group().isEmpty() ? "api" : "apis") + "/" + kind.apiVersion();
            String collection = root + (kind.namespaced() ? "/namespaces/{namespace}/" : "/") + kind.plural();
            Target self = new Target(kind, GroupVersionKind.of(kind), kind.verbs(), "");
            ObjectNode c = JSON.createObjectNode();
            op(c, self, "get", "list", LIST_PARAMS);
            op(c, self, "post", "create", WRITE_PARAMS);
            op(c, self, "delete", "deletecollection", DELETE_PARAMS);
            add(paths, collection, c, kind.namespaced(), false);
            if (kind.namespaced()) {
                ObjectNode all = JSON.createObjectNode();
                op(all, new Target(kind, self.gvk(), kind.verbs(), "ForAllNamespaces"), "get", "list", LIST_PARAMS);
                add(paths, root + "/" + kind.plural(), all, false, false);
            }
            ObjectNode item = JSON.createObjectNode();
            op(item, self, "get", "get", List.of("pretty"));
            op(item, self, "put", "update", WRITE_PARAMS);
            op(item, self, "patch", "patch", PATCH_PARAMS);
            op(item, self, "delete", "delete", DELETE_PARAMS);
            add(paths, collection + "/{name}", item, kind.namespaced(), true);
            for (String sub : Subresources.of(kind)) {
                add(paths, collection + "/{name}/" + sub, subresource(kind, sub), kind.namespaced(), true);
            }
        }
        return paths;
    }

    /** What one path serves: the kind it belongs to, the type it reads and writes, its verbs, an operation suffix. */
    private record Target(ResourceKind kind, GroupVersionKind gvk, List<String> verbs, String suffix) {
    }

    private static ObjectNode subresource(ResourceKind kind, String sub) {
        Target target = new Target(kind, Subresources.kind(kind, sub), Subresources.verbs(sub),
                Character.toUpperCase(sub.charAt(0)) + sub.substring(1));
        ObjectNode path = JSON.createObjectNode();
        if (sub.equals("log")) {
            ObjectNode get = operation(path, target, "get", "get",
                    List.of("container", "follow", "previous", "sinceSeconds", "tailLines", "timestamps"));
            get.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                    .putObject("text/plain").putObject("schema").put("type", "string");
            return path;
        }
        op(path, target, "get", "get", List.of("pretty"));
        op(path, target, "put", "update", WRITE_PARAMS);
        op(path, target, "patch", "patch", PATCH_PARAMS);
        return path;
    }

    private static void add(ObjectNode paths, String path, ObjectNode operations, boolean namespaced, boolean named) {
        if (operations.isEmpty()) {
            return;
        }
        ArrayNode parameters = operations.putArray("parameters");
        if (named) {
            parameters.addObject().put("name", "name").put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        if (namespaced) {
            parameters.addObject().put("name", "namespace").put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        paths.set(path, operations);
    }

    private static void op(ObjectNode path, Target target, String method, String verb, List<String> params) {
        if (!target.verbs().contains(verb)) {
            return;
        }
        ObjectNode op = operation(path, target, method, verb, params);
        String schema = OpenApi.REF + OpenApi.schemaName(target.gvk());
        if (method.equals("post") || method.equals("put")) {
            ObjectNode body = op.putObject("requestBody");
            body.putObject("content").putObject("application/json").putObject("schema").put("$ref", schema);
            body.put("required", true);
        } else if (method.equals("patch")) {
            ObjectNode body = op.putObject("requestBody");
            ObjectNode content = body.putObject("content");
            PATCH_TYPES.forEach(t -> content.putObject(t).putObject("schema").put("$ref", OpenApi.REF + PATCH_SCHEMA));
            body.put("required", true);
        }
        String returned = switch (verb) {
            case "list" -> schema + "List";
            case "delete", "deletecollection" -> OpenApi.REF + STATUS_SCHEMA;
            default -> schema;
        };
        op.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", returned);
    }

    private static ObjectNode operation(ObjectNode path, Target target, String method, String verb,
                                        List<String> params) {
        ResourceKind kind = target.kind();
        ObjectNode op = path.putObject(method);
        String scope = kind.namespaced() && !target.suffix().equals("ForAllNamespaces") ? "Namespaced" : "";
        op.put("operationId", verbName(verb) + groupName(kind.group()) + capitalize(kind.version()) + scope
                + kind.kind() + target.suffix());
        op.put("x-kubernetes-action", verb.equals("update") ? "put" : verb);
        op.putObject("x-kubernetes-group-version-kind").put("group", target.gvk().group())
                .put("version", target.gvk().version()).put("kind", target.gvk().kind());
        ArrayNode parameters = op.putArray("parameters");
        for (String name : params) {
            parameters.addObject().put("name", name).put("in", "query")
                    .putObject("schema").put("type", parameterType(name));
        }
        return op;
    }

    private static String parameterType(String name) {
        return switch (name) {
            case "force", "watch", "allowWatchBookmarks", "follow", "previous", "timestamps", "pretty" -> "boolean";
            case "limit", "timeoutSeconds", "gracePeriodSeconds", "sinceSeconds", "tailLines" -> "integer";
            default -> "string";
        };
    }

    private static String verbName(String verb) {
        return switch (verb) {
            case "get" -> "read";
            case "update" -> "replace";
            case "deletecollection" -> "deleteCollection";
            default -> verb;
        };
    }

    /** "Core" for the core group, "Apps", "EventsK8sIo"-style names cut to "Events", "GatewayNetworking". */
    private static String groupName(String group) {
        if (group.isEmpty()) {
            return "Core";
        }
        StringBuilder name = new StringBuilder();
        for (String label : group.replaceFirst("\\.k8s\\.io$", "").split("\\.")) {
            name.append(capitalize(label));
        }
        return name.toString();
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
