package io.flightdeck.sandbox.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the discovery documents from the kind table {@link Kinds#ALL}: the legacy APIVersions, APIGroupList, APIGroup
 * and APIResourceList, and the aggregated APIGroupDiscoveryList (apidiscovery.k8s.io v2 and v2beta1, which share one
 * shape). Stateless; {@link Discovery} calls it once per document and keeps the bytes.
 */
final class DiscoveryDocuments {

    private static final JsonMapper JSON = JsonMapper.shared();

    private DiscoveryDocuments() {
    }

    /** The group versions served, core "v1" first, in table order. */
    static List<String> groupVersions() {
        return Kinds.ALL.stream().map(ResourceKind::apiVersion).distinct().toList();
    }

    static ObjectNode apiVersions() {
        ObjectNode doc = JSON.createObjectNode().put("kind", "APIVersions");
        ArrayNode versions = doc.putArray("versions");
        versionsOf("").forEach(versions::add);
        doc.putArray("serverAddressByClientCIDRs");
        return doc;
    }

    static ObjectNode apiGroupList() {
        ObjectNode doc = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        Kinds.groups().forEach(g -> groups.add(group(g)));
        return doc;
    }

    /** The APIGroup document of a named group, if it is served. */
    static Optional<ObjectNode> apiGroup(String group) {
        if (group.isEmpty() || !Kinds.groups().contains(group)) {
            return Optional.empty();
        }
        return Optional.of(group(group).put("kind", "APIGroup").put("apiVersion", "v1"));
    }

    /** The APIResourceList of "v1" or "group/version", if it is served. */
    static Optional<ObjectNode> apiResourceList(String groupVersion) {
        List<ResourceKind> kinds = kindsOf(groupVersion);
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = JSON.createObjectNode().put("kind", "APIResourceList");
        if (groupVersion.contains("/")) {
            doc.put("apiVersion", "v1");
        }
        doc.put("groupVersion", groupVersion);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceKind kind : kinds) {
            resources.add(legacyResource(kind));
            for (String sub : Subresources.discovered(kind)) {
                resources.add(legacySubresource(kind, sub));
            }
        }
        return Optional.of(doc);
    }

    /** Aggregated discovery of the core group ({@code core}) or of all named groups. */
    static ObjectNode aggregated(boolean core, String apiVersion) {
        ObjectNode doc = JSON.createObjectNode().put("kind", "APIGroupDiscoveryList").put("apiVersion", apiVersion);
        doc.putObject("metadata");
        ArrayNode items = doc.putArray("items");
        List<String> groups = core ? List.of("") : Kinds.groups();
        for (String group : groups) {
            ObjectNode item = items.addObject();
            ObjectNode metadata = item.putObject("metadata");
            if (!group.isEmpty()) {
                metadata.put("name", group);
            }
            ArrayNode versions = item.putArray("versions");
            for (String version : versionsOf(group)) {
                ObjectNode v = versions.addObject().put("version", version);
                ArrayNode resources = v.putArray("resources");
                kindsOf(new GroupVersionKind(group, version, "").apiVersion())
                        .forEach(k -> resources.add(aggregatedResource(k)));
                v.put("freshness", "Current");
            }
        }
        return doc;
    }

    /**
     * The storageVersionHash the API server publishes for a stored kind: base64 of the first 8 bytes of the SHA-256 of
     * "group/version/kind". Clients only compare it for changes.
     */
    static String storageVersionHash(ResourceKind kind) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256")
                    .digest((kind.group() + "/" + kind.version() + "/" + kind.kind()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(Arrays.copyOf(sum, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static List<ResourceKind> kindsOf(String groupVersion) {
        return Kinds.ALL.stream().filter(k -> k.apiVersion().equals(groupVersion)).toList();
    }

    private static List<String> versionsOf(String group) {
        return Kinds.ALL.stream().filter(k -> k.group().equals(group)).map(ResourceKind::version).distinct().toList();
    }

    private static ObjectNode group(String group) {
        ObjectNode node = JSON.createObjectNode().put("name", group);
        ArrayNode versions = node.putArray("versions");
        for (String version : versionsOf(group)) {
            versions.addObject().put("groupVersion", group + "/" + version).put("version", version);
        }
        node.set("preferredVersion", versions.get(0).deepCopy());
        return node;
    }

    private static ObjectNode legacyResource(ResourceKind kind) {
        ObjectNode node = JSON.createObjectNode()
                .put("name", kind.plural())
                .put("singularName", kind.singular())
                .put("namespaced", kind.namespaced())
                .put("kind", kind.kind());
        strings(node, "verbs", kind.verbs());
        strings(node, "shortNames", kind.shortNames());
        strings(node, "categories", kind.categories());
        if (kind.verbs().contains("get")) {
            node.put("storageVersionHash", storageVersionHash(kind));
        }
        return node;
    }

    private static ObjectNode legacySubresource(ResourceKind parent, String sub) {
        GroupVersionKind gvk = Subresources.kind(parent, sub);
        ObjectNode node = JSON.createObjectNode()
                .put("name", parent.plural() + "/" + sub)
                .put("singularName", "")
                .put("namespaced", parent.namespaced());
        if (!gvk.apiVersion().equals(parent.apiVersion())) {
            node.put("group", gvk.group()).put("version", gvk.version());
        }
        node.put("kind", gvk.kind());
        strings(node, "verbs", Subresources.verbs(sub));
        return node;
    }

    private static ObjectNode aggregatedResource(ResourceKind kind) {
        ObjectNode node = JSON.createObjectNode().put("resource", kind.plural());
        node.set("responseKind", responseKind(GroupVersionKind.of(kind)));
        node.put("scope", kind.namespaced() ? "Namespaced" : "Cluster").put("singularResource", kind.singular());
        strings(node, "verbs", kind.verbs());
        strings(node, "shortNames", kind.shortNames());
        strings(node, "categories", kind.categories());
        List<String> subs = Subresources.discovered(kind);
        if (!subs.isEmpty()) {
            ArrayNode array = node.putArray("subresources");
            for (String sub : subs) {
                ObjectNode s = array.addObject().put("subresource", sub);
                s.set("responseKind", responseKind(Subresources.kind(kind, sub)));
                strings(s, "verbs", Subresources.verbs(sub));
            }
        }
        return node;
    }

    private static ObjectNode responseKind(GroupVersionKind gvk) {
        return JSON.createObjectNode().put("group", gvk.group()).put("version", gvk.version()).put("kind", gvk.kind());
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }
}
