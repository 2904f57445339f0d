package io.flightdeck.sandbox.api;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON merge patch ({@code application/merge-patch+json}): objects merge key by key, {@code null}
 * deletes a key, anything else (lists included) replaces. Like evanphx/json-patch, which kube-apiserver uses,
 * values taken from the patch lose their nulls, inside lists too. Never mutates its arguments. Stateless;
 * called from any thread.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** The result of merging {@code patch} into {@code target} ({@code null} for no target), as a new value. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return pruneNulls(patch);
        }
        ObjectNode result = target != null && target.isObject()
                ? (ObjectNode) target.deepCopy()
                : PatchJson.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                result.remove(key);
            } else {
                result.set(key, apply(result.get(key), value));
            }
        }
        return result;
    }

    /** A copy of {@code value} without null object members or null list items, at any depth. */
    static JsonNode pruneNulls(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = PatchJson.MAPPER.createObjectNode();
            value.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), pruneNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = PatchJson.MAPPER.createArrayNode();
            value.forEach(item -> {
                if (!item.isNull()) {
                    copy.add(pruneNulls(item));
                }
            });
            return copy;
        }
        return value;
    }
}
