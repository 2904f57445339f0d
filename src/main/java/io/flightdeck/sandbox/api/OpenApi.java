package io.flightdeck.sandbox.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's OpenAPI v3 documents, built from the kind table and the schema table {@code openapi-types.txt}: the
 * index at {@code /openapi/v3} and one document per group version at {@code /openapi/v3/api/v1},
 * {@code /openapi/v3/apis/GROUP/VERSION}. kubectl validates with them (each PATCH operation names the kind and takes
 * {@code fieldValidation}, so kubectl leaves validation to the server) and explains fields with them. OpenAPI v2 is not
 * served: kubectl 1.32 only reads it when v3 fails, and tolerates its absence. Documents are built once, on first use;
 * {@link #lookup} is called from the server's request threads.
 */
public final class OpenApi {

    public static final String ROOT = "/openapi/v3";
    static final String REF = OpenApiTypes.REF_PREFIX;
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Map<String, String> REVALIDATE = Map.of("Cache-Control", "no-cache, private");

    private OpenApi() {
    }

    /**
     * The document at an {@code /openapi/v3} URI, if there is one. Clients find a group version's document through
     * the index, at a URI with the document's {@code ?hash=}; a response to such a URI may be cached for good, as the
     * API server allows, the others are to be revalidated by their ETag.
     */
    public static Optional<DiscoveryResponse> lookup(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (path.equals(ROOT)) {
            return Optional.of(new DiscoveryResponse(Discovery.JSON_TYPE, Documents.INDEX.clone(), REVALIDATE));
        }
        Document doc = path.startsWith(ROOT + "/") ? Documents.BY_PATH.get(path.substring(ROOT.length() + 1)) : null;
        if (doc == null) {
            return Optional.empty();
        }
        boolean pinned = query >= 0 && List.of(uri.substring(query + 1).split("&")).contains("hash=" + doc.hash());
        return Optional.of(new DiscoveryResponse(Discovery.JSON_TYPE, doc.bytes().clone(), Map.of(
                "ETag", "\"" + doc.hash() + "\"",
                "Cache-Control", pinned ? "public, immutable, max-age=31536000" : "no-cache, private")));
    }

    /** The path of a group version under {@code /openapi/v3/}: "api/v1", "apis/apps/v1". */
    public static String documentPath(String groupVersion) {
        return (groupVersion.contains("/") ? "apis/" : "api/") + groupVersion;
    }

    /**
     * The schema name Kubernetes gives a kind: "io.k8s.api.core.v1.Pod", "io.k8s.api.apps.v1.Deployment",
     * "io.k8s.api.events.v1.Event" for built-in groups, the reversed group for others, as for custom resources
     * ("io.k8s.networking.gateway.v1.HTTPRoute").
     */
    public static String schemaName(GroupVersionKind gvk) {
        String group = gvk.group();
        String prefix;
        if (group.isEmpty()) {
            prefix = "io.k8s.api.core";
        } else if (group.matches("[a-z0-9-]+(\\.k8s\\.io)?")) {
            prefix = "io.k8s.api." + group.replace(".k8s.io", "");
        } else {
            List<String> labels = new ArrayList<>(List.of(group.split("\\.")));
            Collections.reverse(labels);
            prefix = String.join(".", labels);
        }
        return prefix + "." + gvk.version() + "." + gvk.kind();
    }

    static String hash(byte[] doc) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(doc));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }

    private record Document(byte[] bytes, String hash) {
    }

    /** The documents, built when first asked for. */
    private static final class Documents {
        static final Map<String, Document> BY_PATH = new LinkedHashMap<>();
        static final byte[] INDEX;

        static {
            OpenApiTypes types = OpenApiTypes.load();
            ObjectNode index = JSON.createObjectNode();
            ObjectNode paths = index.putObject("paths");
            for (String gv : DiscoveryDocuments.groupVersions()) {
                byte[] bytes = JSON.writeValueAsBytes(groupVersion(types, gv));
                Document doc = new Document(bytes, hash(bytes));
                BY_PATH.put(documentPath(gv), doc);
                paths.putObject(documentPath(gv))
                        .put("serverRelativeURL", ROOT + "/" + documentPath(gv) + "?hash=" + doc.hash());
            }
            INDEX = JSON.writeValueAsBytes(index);
        }
    }

    private static ObjectNode groupVersion(OpenApiTypes types, String groupVersion) {
        List<ResourceKind> kinds = DiscoveryDocuments.kindsOf(groupVersion);
        Map<String, ObjectNode> schemas = new TreeMap<>();
        for (ResourceKind kind : kinds) {
            GroupVersionKind gvk = GroupVersionKind.of(kind);
            addRoot(types, schemas, gvk, kind.hasStatus());
            kind.subresources().stream().map(sub -> Subresources.kind(kind, sub)).filter(g -> !g.equals(gvk))
                    .forEach(g -> addRoot(types, schemas, g, false));
            if (kind.verbs().contains("list")) {
                schemas.put(schemaName(gvk) + "List", listSchema(gvk));
            }
        }
        for (String name : List.of(LIST_META, OpenApiPaths.STATUS_SCHEMA, OpenApiPaths.PATCH_SCHEMA, OBJECT_META)) {
            include(types, schemas, name);
        }
        ObjectNode doc = JSON.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", Discovery.GIT_VERSION);
        doc.set("paths", OpenApiPaths.paths(kinds));
        ObjectNode components = doc.putObject("components").putObject("schemas");
        schemas.forEach(components::set);
        return doc;
    }

    private static void include(OpenApiTypes types, Map<String, ObjectNode> schemas, String name) {
        schemas.computeIfAbsent(name, types::schema);
        types.closure(name).forEach(n -> schemas.computeIfAbsent(n, types::schema));
    }

    /** A kind's top-level schema: apiVersion, kind and metadata, then the table's fields or free-form spec/status. */
    private static void addRoot(OpenApiTypes types, Map<String, ObjectNode> schemas, GroupVersionKind gvk,
                                boolean status) {
        String name = schemaName(gvk);
        ObjectNode declared;
        if (types.has(name)) {
            declared = types.schema(name);
            types.closure(name).forEach(n -> schemas.computeIfAbsent(n, types::schema));
        } else {
            declared = OpenApiTypes.parse("type " + name + " -- " + gvk.kind() + " (" + gvk.apiVersion() + ")\n"
                    + "    spec object\n" + (status ? "    status object\n" : "")).schema(name);
        }
        ObjectNode root = JSON.createObjectNode();
        if (declared.has("description")) {
            root.set("description", declared.get("description"));
        }
        root.put("type", "object");
        if (declared.has("required")) {
            root.set("required", declared.get("required"));
        }
        ObjectNode properties = root.putObject("properties");
        properties.putObject("apiVersion").put("type", "string")
                .put("description", "The versioned schema of this representation of an object.");
        properties.putObject("kind").put("type", "string")
                .put("description", "The REST resource this object represents.");
        ObjectNode metadata = properties.putObject("metadata");
        metadata.putArray("allOf").addObject().put("$ref", REF + OBJECT_META);
        metadata.putObject("default");
        metadata.put("description", "Standard object's metadata.");
        declared.get("properties").properties().forEach(e -> properties.set(e.getKey(), e.getValue()));
        root.putArray("x-kubernetes-group-version-kind").addObject()
                .put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
        schemas.put(name, root);
    }

    private static ObjectNode listSchema(GroupVersionKind gvk) {
        ObjectNode list = JSON.createObjectNode().put("description", "A list of " + gvk.kind() + " objects.");
        list.put("type", "object");
        list.putArray("required").add("items");
        ObjectNode properties = list.putObject("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        ObjectNode items = properties.putObject("items").put("type", "array").putObject("items");
        items.putArray("allOf").addObject().put("$ref", REF + schemaName(gvk));
        items.putObject("default");
        ObjectNode metadata = properties.putObject("metadata");
        metadata.putArray("allOf").addObject().put("$ref", REF + LIST_META);
        metadata.putObject("default");
        list.putArray("x-kubernetes-group-version-kind").addObject()
                .put("group", gvk.group()).put("kind", gvk.kind() + "List").put("version", gvk.version());
        return list;
    }
}
