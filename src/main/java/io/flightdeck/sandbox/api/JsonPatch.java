package io.flightdeck.sandbox.api;

import java.util.EnumSet;
import java.util.Locale;

import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatchException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON patch ({@code application/json-patch+json}) applied with fabric8's zjsonpatch, with the errors
 * kube-apiserver gives: a body that is not a list of operations is a 400, an operation that does not apply
 * (a failed {@code test}, a missing path) a 422 Invalid. Stateless; called from any thread.
 */
final class JsonPatch {

    /** kube-apiserver's maxJSONPatchOperations. */
    static final int MAX_OPERATIONS = 10_000;

    /** Removing a missing key fails, as in evanphx/json-patch which kube-apiserver uses. */
    private static final EnumSet<CompatibilityFlags> FLAGS =
            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatch() {
    }

    /** {@code current} with the operations in {@code body} applied, as a new object. */
    static ObjectNode apply(ObjectNode current, byte[] body) {
        JsonNode operations = PatchJson.parse(body, "");
        if (operations.isNull()) {
            return current.deepCopy();
        }
        if (!operations.isArray()) {
            throw PatchException.badRequest("json: cannot unmarshal " + PatchJson.goKind(operations)
                    + " into Go value of type jsonpatch.Patch");
        }
        for (JsonNode operation : operations) {
            if (!operation.isObject() && !operation.isNull()) {
                throw PatchException.badRequest("json: cannot unmarshal " + PatchJson.goKind(operation)
                        + " into Go value of type jsonpatch.Operation");
            }
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw PatchException.tooLarge("The allowed maximum operations in a JSON patch is " + MAX_OPERATIONS
                    + ", got " + operations.size());
        }
        JsonNode patched = applyOperations(current, operations);
        if (!patched.isObject()) {
            throw PatchException.invalidObject("patch: Invalid value: \"" + patched
                    + "\": the patched document is not a JSON object");
        }
        return (ObjectNode) patched;
    }

    private static JsonNode applyOperations(ObjectNode current, JsonNode operations) {
        for (JsonNode operation : operations) {
            if (operation.isNull()) {
                throw PatchException.invalid("Unexpected kind: unknown");
            }
        }
        try {
            return io.fabric8.zjsonpatch.JsonPatch.apply(operations, current, FLAGS);
        } catch (JsonPatchException e) {
            String where = e.getOperation() == null ? ""
                    : e.getOperation().toString().toLowerCase(Locale.ROOT) + " at " + e.getPath() + ": ";
            throw PatchException.invalid(where + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // zjsonpatch's pointer errors: a path without a leading slash, a word used as an array index
            throw PatchException.invalid(e.getMessage());
        }
    }
}
