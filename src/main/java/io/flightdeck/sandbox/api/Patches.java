package io.flightdeck.sandbox.api;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a PATCH request body to a stored object, choosing the patch flavour by Content-Type as kube-apiserver
 * does: RFC 6902 JSON patch, RFC 7386 merge patch, or Kubernetes strategic merge patch (built-in kinds only).
 * Failures are {@link PatchException}s carrying kube-apiserver's code, reason and message. Server-side apply
 * ({@code application/apply-patch+yaml}) is not handled here. Stateless; called from HTTP handler threads.
 */
public final class Patches {

    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private static final List<String> ALL_TYPES = List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH);
    private static final List<String> CUSTOM_RESOURCE_TYPES = List.of(JSON_PATCH, MERGE_PATCH);

    private Patches() {
    }

    /**
     * The object that results from applying {@code patchBody} to {@code current}; {@code current} is not changed.
     *
     * @param contentType the request's Content-Type; parameters such as "; charset=utf-8" are ignored
     * @param current     the stored object
     * @param patchBody   the request body
     * @param kind        the kind of the object, which decides whether and how strategic merge applies
     * @throws PatchException 415 for a content type not served for the kind (strategic merge on an HTTPRoute),
     *                        400 for a body that is not a patch, 422 for a JSON patch that does not apply (a
     *                        failed {@code test}, a missing path) or a result that is not an object, 413 for
     *                        more than 10000 JSON patch operations, 500 for the strategic-merge errors
     *                        kube-apiserver does not classify (an item without its merge key)
     */
    public static ObjectNode apply(String contentType, ObjectNode current, byte[] patchBody, ResourceKind kind) {
        String type = mediaType(contentType);
        List<String> accepted = acceptedTypes(kind);
        if (!accepted.contains(type)) {
            throw PatchException.unsupportedMediaType(accepted);
        }
        return switch (type) {
            case JSON_PATCH -> JsonPatch.apply(current, patchBody);
            case MERGE_PATCH -> mergePatch(current, patchBody);
            default -> StrategicMergePatch.apply(current, strategicPatch(patchBody), kind);
        };
    }

    /** The patch content types served for a kind, in the order kube-apiserver lists them in a 415. */
    public static List<String> acceptedTypes(ResourceKind kind) {
        return StrategicMergePatch.supports(kind) ? ALL_TYPES : CUSTOM_RESOURCE_TYPES;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon > 0 ? contentType.substring(0, semicolon) : contentType).strip();
    }

    private static ObjectNode mergePatch(ObjectNode current, byte[] body) {
        JsonNode patch;
        try {
            patch = PatchJson.parse(body, "");
        } catch (PatchException e) {
            throw PatchException.badRequest("Invalid JSON Patch");
        }
        if (patch.isNull() || patch.isValueNode()) {
            throw PatchException.badRequest("Invalid JSON Patch");
        }
        JsonNode patched = MergePatch.apply(current, patch);
        if (!patched.isObject()) {
            throw PatchException.invalidObject("patch: Invalid value: \"" + patched
                    + "\": the patched document is not a JSON object");
        }
        return (ObjectNode) patched;
    }

    private static ObjectNode strategicPatch(byte[] body) {
        JsonNode patch = PatchJson.parse(body, "");
        if (patch.isNull()) {
            return PatchJson.MAPPER.createObjectNode();
        }
        if (!patch.isObject()) {
            throw PatchException.badRequest("json: cannot unmarshal " + PatchJson.goKind(patch)
                    + " into Go value of type map[string]interface {}");
        }
        return (ObjectNode) patch;
    }
}
