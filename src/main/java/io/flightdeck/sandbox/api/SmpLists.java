package io.flightdeck.sandbox.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The list half of {@link StrategicMergePatch}: merges a patch list into a live list by merge key (or as a set of
 * scalars), carries out {@code $patch: delete|replace} items, and orders the result as upstream's mergeSlice and
 * normalizeElementOrder do: items the patch names in the patch's order, items only the server has kept near the
 * neighbours they had. Works on lists owned by the current patch call; called from that call's thread.
 */
final class SmpLists {

    private final StrategicMergePatch maps;

    SmpLists(StrategicMergePatch maps) {
        this.maps = maps;
    }

    /** {@code patch} merged into {@code original}, for a list with patch strategy merge and {@code mergeKey}. */
    ArrayNode merge(ArrayNode original, ArrayNode patch, String path, String mergeKey) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        if (!ofMaps(original, patch)) {
            ArrayNode merged = PatchJson.MAPPER.createArrayNode();
            original.forEach(item -> addUnique(merged, item));
            patch.forEach(item -> addUnique(merged, item));
            return order(merged, patch, original, mergeKey);
        }
        if (mergeKey.isEmpty()) {
            throw PatchException.internal("cannot merge lists without merge key for type struct");
        }
        Directed directed = applyItemDirectives(original, patch, path, mergeKey);
        ArrayNode merged = mergeItems(directed.server(), directed.items(), path, mergeKey);
        return order(merged, directed.items(), directed.server(), mergeKey);
    }

    /** The live items left after a patch's {@code $patch} items, and the patch items left to merge. */
    private record Directed(ArrayNode server, ArrayNode items) {
    }

    /**
     * Carries out the {@code $patch} items of a patch list: {@code delete} drops every live item with that key,
     * {@code replace} makes the other patch items the whole list (upstream's mergeSliceWithSpecialElements).
     */
    private Directed applyItemDirectives(ArrayNode original, ArrayNode patch, String path, String mergeKey) {
        ArrayNode server = copyOf(original);
        ArrayNode items = PatchJson.MAPPER.createArrayNode();
        boolean replace = false;
        for (JsonNode item : patch) {
            JsonNode directive = item.get(StrategicMergePatch.DIRECTIVE);
            String name = directive != null && directive.isString() ? directive.asString() : null;
            if (directive == null) {
                items.add(item);
            } else if ("delete".equals(name)) {
                withoutKey(server, mergeKey, keyOf(item, mergeKey));
            } else if ("replace".equals(name)) {
                replace = true;
            } else if ("merge".equals(name)) {
                throw PatchException.internal("merging lists cannot yet be specified in the patch");
            } else {
                throw PatchException.internal("unknown patch type: " + PatchJson.goString(directive)
                        + " in map: " + PatchJson.goString(item));
            }
        }
        if (!replace) {
            return new Directed(server, items);
        }
        ArrayNode replacement = PatchJson.MAPPER.createArrayNode();
        items.forEach(item -> replacement.add(maps.fresh(item, path)));
        return new Directed(replacement, PatchJson.MAPPER.createArrayNode());
    }

    /**
     * {@code merged} ordered: items present in {@code patchOrder} in that order, the others in
     * {@code serverOrder}'s order, interleaved so both orders hold.
     */
    ArrayNode order(ArrayNode merged, ArrayNode patchOrder, ArrayNode serverOrder, String mergeKey) {
        if (merged.isEmpty()) {
            return merged;
        }
        boolean ofMaps = ofMaps(merged);
        List<JsonNode> inPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            boolean present = mergeKey.isEmpty()
                    ? contains(patchOrder, item)
                    : indexByKey(patchOrder, mergeKey, keyOf(item, mergeKey)) >= 0;
            (present ? inPatch : serverOnly).add(item);
        }
        List<JsonNode> left = sortBy(serverOnly, serverOrder, mergeKey, ofMaps);
        List<JsonNode> right = sortBy(inPatch, patchOrder, mergeKey, ofMaps);
        ArrayNode result = PatchJson.MAPPER.createArrayNode();
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (j >= right.size()) {
                result.add(left.get(i++));
            } else if (i >= left.size()) {
                result.add(right.get(j++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey, ofMaps);
                int ri = index(serverOrder, right.get(j), mergeKey, ofMaps);
                result.add(li >= 0 && ri >= 0 && li < ri ? left.get(i++) : right.get(j++));
            }
        }
        return result;
    }

    /**
     * Checks that the patch list names its items in the order {@code $setElementOrder} gives (upstream's
     * validatePatchWithSetOrderList); items with a {@code $patch} directive are ignored.
     */
    static void checkOrder(ArrayNode patchList, ArrayNode setOrder, String mergeKey) {
        if (patchList == null || patchList.isEmpty() || setOrder.isEmpty()) {
            return;
        }
        List<JsonNode> named = new ArrayList<>();
        for (JsonNode item : patchList) {
            if (!mergeKey.isEmpty() && !item.isObject()) {
                throw badArgType("map[string]interface {}", item);
            }
            if (!item.isObject() || !item.has(StrategicMergePatch.DIRECTIVE)) {
                named.add(item);
            }
        }
        int p = 0;
        int s = 0;
        while (p < named.size() && s < setOrder.size()) {
            if (sameKey(named.get(p), setOrder.get(s), mergeKey)) {
                p++;
            }
            s++;
        }
        if (p < named.size()) {
            throw PatchException.internal("The order in patch list:\n" + PatchJson.goString(patchList)
                    + "\n doesn't match " + StrategicMergePatch.SET_ELEMENT_ORDER + " list:\n"
                    + PatchJson.goString(setOrder) + "\n");
        }
    }

    /** {@code list} without the scalars in {@code toDelete}. */
    static ArrayNode without(ArrayNode list, ArrayNode toDelete) {
        ArrayNode kept = PatchJson.MAPPER.createArrayNode();
        list.forEach(item -> {
            if (!contains(toDelete, item)) {
                kept.add(item);
            }
        });
        return kept;
    }

    /** Merges items with the same key, appends the others; {@code original} itself is left as it was. */
    private ArrayNode mergeItems(ArrayNode original, ArrayNode patch, String path, String mergeKey) {
        ArrayNode merged = copyOf(original);
        for (JsonNode item : patch) {
            int found = indexByKey(merged, mergeKey, keyOf(item, mergeKey));
            if (found >= 0) {
                merged.set(found, maps.mergeMap((ObjectNode) merged.get(found), (ObjectNode) item, path));
            } else {
                merged.add(maps.fresh(item, path));
            }
        }
        return merged;
    }

    /** Whether the lists hold maps; a list of lists is a 422, mixed items a 500, as upstream's sliceElementType. */
    private static boolean ofMaps(ArrayNode... lists) {
        JsonNodeType first = null;
        for (ArrayNode list : lists) {
            for (JsonNode item : list) {
                JsonNodeType type = item.getNodeType();
                if (type == JsonNodeType.ARRAY) {
                    throw PatchException.invalid("lists of lists are not supported");
                }
                if (first != null && first != type) {
                    throw PatchException.internal("list element types are not identical: "
                            + PatchJson.goString(lists[0]) + " " + PatchJson.goString(lists[lists.length - 1]));
                }
                first = type;
            }
        }
        return first == JsonNodeType.OBJECT;
    }

    /** A stable sort by position in {@code order}; items not in it (none, in practice) go last. */
    private static List<JsonNode> sortBy(List<JsonNode> items, ArrayNode order, String mergeKey, boolean ofMaps) {
        if (ofMaps) {
            order.forEach(item -> keyOf(item, mergeKey));
            items.forEach(item -> keyOf(item, mergeKey));
        }
        List<JsonNode> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingInt(item -> {
            int at = index(order, item, mergeKey, ofMaps);
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        return sorted;
    }

    private static int index(ArrayNode list, JsonNode item, String mergeKey, boolean ofMaps) {
        JsonNode wanted = ofMaps ? item.get(mergeKey) : item;
        for (int i = 0; i < list.size(); i++) {
            if (PatchJson.same(wanted, ofMaps ? list.get(i).get(mergeKey) : list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexByKey(ArrayNode list, String mergeKey, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                throw PatchException.internal("value for key " + i + " is not a map.");
            }
            if (item.has(mergeKey) && PatchJson.same(item.get(mergeKey), value)) {
                return i;
            }
        }
        return -1;
    }

    /** Removes every item whose merge key has {@code value} from {@code list}, which is owned by the caller. */
    private static void withoutKey(ArrayNode list, String mergeKey, JsonNode value) {
        int at;
        while ((at = indexByKey(list, mergeKey, value)) >= 0) {
            list.remove(at);
        }
    }

    /** A new list holding the same items, as a Go slice header copy does. */
    private static ArrayNode copyOf(ArrayNode list) {
        return PatchJson.MAPPER.createArrayNode().addAll(list);
    }

    /** The merge key value of a list item; a missing key is upstream's "does not contain declared merge key". */
    private static JsonNode keyOf(JsonNode item, String mergeKey) {
        if (!item.isObject()) {
            throw badArgType("map[string]interface {}", item);
        }
        JsonNode value = item.get(mergeKey);
        if (value == null) {
            throw PatchException.internal("map: " + PatchJson.goString(item) + " does not contain declared merge key: "
                    + mergeKey);
        }
        return value;
    }

    private static boolean sameKey(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return PatchJson.same(left, right);
        }
        return PatchJson.same(keyOf(left, mergeKey), keyOf(right, mergeKey));
    }

    private static boolean contains(ArrayNode list, JsonNode item) {
        for (JsonNode candidate : list) {
            if (PatchJson.same(candidate, item)) {
                return true;
            }
        }
        return false;
    }

    private static void addUnique(ArrayNode list, JsonNode item) {
        if (!contains(list, item)) {
            list.add(item);
        }
    }

    private static PatchException badArgType(String expected, JsonNode actual) {
        return PatchException.internal("expected a " + expected + ", but received a " + PatchJson.goType(actual));
    }
}
