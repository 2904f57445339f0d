package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a SelfSubjectAccessReview from the sandbox's RBAC policy, as {@code kubectl auth can-i} and Flightdeck's
 * permission checks ask it. Stateless; request threads.
 */
final class AccessReview {

    private AccessReview() {
    }

    static ObjectNode answer(SandboxRbac rbac, ObjectNode review) {
        JsonNode ra = review.path("spec").path("resourceAttributes");
        boolean allowed;
        String reason;
        if (ra.isObject()) {
            String resource = ra.path("resource").asString();
            String sub = ra.path("subresource").asString();
            String res = sub.isEmpty() ? resource : resource + "/" + sub;
            allowed = rbac.allowed(ra.path("verb").asString(), res, ra.path("namespace").asString());
            reason = allowed ? "allowed by the sandbox policy" : "denied by a sandbox deny rule";
        } else {
            allowed = true;
            reason = "non-resource URLs are allowed in the sandbox";
        }
        ObjectNode out = review.deepCopy();
        Json.metadata(out).put("creationTimestamp", (String) null);
        ObjectNode status = out.putObject("status");
        status.put("allowed", allowed);
        if (!allowed) {
            status.put("denied", true);
        }
        status.put("reason", reason);
        return out;
    }
}
