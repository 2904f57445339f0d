package io.flightdeck.sandbox.api;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}) for the built-in kinds the
 * sandbox serves, following StrategicMergeMapPatch of k8s.io/apimachinery/pkg/util/strategicpatch as
 * kube-apiserver runs it: objects merge key by key, {@code null} deletes, lists named in {@link PatchStrategies}
 * merge by their merge key (or as sets of scalars), other lists are replaced. It honours the directives kubectl
 * sends: {@code $patch: replace|delete} in objects and list items, {@code $retainKeys},
 * {@code $deleteFromPrimitiveList/<list>} and {@code $setElementOrder/<list>}. This class merges objects;
 * {@link SmpLists} merges and orders lists. Never mutates its arguments; one instance per call, called from any
 * thread.
 */
public final class StrategicMergePatch {

    static final String DIRECTIVE = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";

    private final PatchStrategies strategies;
    private final SmpLists lists;

    private StrategicMergePatch(PatchStrategies strategies) {
        this.strategies = strategies;
        this.lists = new SmpLists(this);
    }

    /** Whether strategic merge patch is served for the kind (it is not for custom resources). */
    public static boolean supports(ResourceKind kind) {
        return PatchStrategies.forKind(kind).isPresent();
    }

    /**
     * {@code patch} merged into {@code current}, as a new object. Throws a 415 {@link PatchException} for kinds
     * without strategic merge, and the 400/422/500 kube-apiserver gives for a malformed patch.
     */
    public static ObjectNode apply(ObjectNode current, ObjectNode patch, ResourceKind kind) {
        PatchStrategies strategies = PatchStrategies.forKind(kind)
                .orElseThrow(() -> PatchException.unsupportedMediaType(Patches.acceptedTypes(kind)));
        return new StrategicMergePatch(strategies).mergeMap(current.deepCopy(), patch.deepCopy(), "");
    }

    /** Merges {@code patch} into {@code original} (both owned by this call) and returns the result. */
    ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            return mapDirective(directive, patch, path);
        }
        applyRetainKeys(original, patch);
        mergeOrderedLists(original, patch, path);
        for (Map.Entry<String, JsonNode> entry : List.copyOf(patch.properties())) {
            mergeField(original, entry.getKey(), entry.getValue(), path);
        }
        return original;
    }

    /** A patch value that has nothing to merge with: its nulls dropped and its directives carried out. */
    JsonNode fresh(JsonNode value, String path) {
        if (value.isObject()) {
            return mergeMap(PatchJson.MAPPER.createObjectNode(), (ObjectNode) value, path);
        }
        if (value.isArray()) {
            if (strategies.mergeKey(path).isPresent()) {
                return lists.merge(PatchJson.MAPPER.createArrayNode(), (ArrayNode) value, path, mergeKey(path));
            }
            ArrayNode copy = PatchJson.MAPPER.createArrayNode();
            value.forEach(item -> copy.add(item.isObject() ? fresh(item, path) : item));
            return copy;
        }
        return value;
    }

    /** The merge key of the list at {@code path}, "" when it has none. */
    String mergeKey(String path) {
        return strategies.mergeKey(path).orElse(PatchStrategies.SCALARS);
    }

    private void mergeField(ObjectNode original, String key, JsonNode value, String path) {
        if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
            deleteFromPrimitiveList(original, directiveTarget(key, DELETE_FROM_PRIMITIVE_LIST), value);
            return;
        }
        if (key.startsWith("$")) {
            return;
        }
        if (value.isNull()) {
            original.remove(key);
            return;
        }
        String fieldPath = child(path, key);
        JsonNode existing = original.get(key);
        if (existing != null && existing.isObject() && value.isObject()) {
            original.set(key, mergeMap((ObjectNode) existing, (ObjectNode) value, fieldPath));
        } else if (existing != null && existing.isArray() && value.isArray()
                && strategies.mergeKey(fieldPath).isPresent()) {
            original.set(key, lists.merge((ArrayNode) existing, (ArrayNode) value, fieldPath, mergeKey(fieldPath)));
        } else {
            original.set(key, fresh(value, fieldPath));
        }
    }

    private ObjectNode mapDirective(JsonNode directive, ObjectNode patch, String path) {
        if (directive.isString() && directive.asString().equals("replace")) {
            patch.remove(DIRECTIVE);
            return mergeMap(PatchJson.MAPPER.createObjectNode(), patch, path);
        }
        if (directive.isString() && directive.asString().equals("delete")) {
            return PatchJson.MAPPER.createObjectNode();
        }
        throw PatchException.internal("unknown patch type: " + PatchJson.goString(directive) + " in map: "
                + PatchJson.goString(patch));
    }

    /** {@code $retainKeys: [..]}: clears the fields of {@code original} not listed; the patch may set only those. */
    private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode listed = patch.remove(RETAIN_KEYS);
        if (listed == null) {
            return;
        }
        if (!listed.isArray()) {
            throw PatchException.badRequest("invalid patch format of retainKeys");
        }
        Set<String> retained = new HashSet<>();
        listed.forEach(key -> {
            if (key.isString()) {
                retained.add(key.asString());
            }
        });
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            boolean parallelList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER);
            if (!entry.getValue().isNull() && !parallelList && !retained.contains(key)) {
                throw PatchException.badRequest("invalid patch format of retainKeys");
            }
        }
        original.retain(retained);
    }

    /**
     * {@code $setElementOrder/<list>}: merges the list with its patch, then orders the items the patch names as
     * the directive says, keeping items only the server has near their neighbours.
     */
    private void mergeOrderedLists(ObjectNode original, ObjectNode patch, String path) {
        for (String key : List.copyOf(patch.propertyNames())) {
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(key);
            String field = directiveTarget(key, SET_ELEMENT_ORDER);
            String fieldPath = child(path, field);
            ArrayNode originalList = listOrNull(original.get(field));
            ArrayNode patchList = listOrNull(patch.get(field));
            String mergeKey = mergeKey(fieldPath);
            SmpLists.checkOrder(patchList, (ArrayNode) list(order), mergeKey);
            ArrayNode merged;
            if (originalList == null && patchList == null) {
                continue;
            } else if (patchList == null) {
                merged = originalList;
            } else if (originalList != null && strategies.mergeKey(fieldPath).isPresent()) {
                merged = lists.merge(originalList, patchList, fieldPath, mergeKey);
            } else {
                merged = (ArrayNode) fresh(patchList, fieldPath);
            }
            ArrayNode serverOrder = originalList == null ? PatchJson.MAPPER.createArrayNode() : originalList;
            original.set(field, lists.order(merged, (ArrayNode) order, serverOrder, mergeKey));
            patch.remove(field);
        }
    }

    /**
     * {@code $deleteFromPrimitiveList/<list>: [..]}: removes those scalars from the list. A missing list stays
     * missing (upstream would set it to the deletion list, which no client relies on).
     */
    private static void deleteFromPrimitiveList(ObjectNode original, String field, JsonNode toDelete) {
        if (toDelete.isNull()) {
            original.remove(field);
            return;
        }
        list(toDelete);
        JsonNode existing = original.get(field);
        if (existing != null && existing.isArray()) {
            original.set(field, SmpLists.without((ArrayNode) existing, (ArrayNode) toDelete));
        }
    }

    private static ArrayNode listOrNull(JsonNode node) {
        return node == null ? null : (ArrayNode) list(node);
    }

    private static JsonNode list(JsonNode node) {
        if (!node.isArray()) {
            throw PatchException.internal("expected a []interface {}, but received a " + PatchJson.goType(node));
        }
        return node;
    }

    /** The list a parallel directive key ("$setElementOrder/containers") is about. */
    private static String directiveTarget(String key, String prefix) {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
            throw PatchException.badRequest(prefix.equals(SET_ELEMENT_ORDER)
                    ? "invalid patch format of setElementOrder list"
                    : "invalid patch format of primitive list");
        }
        return key.substring(slash + 1);
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
