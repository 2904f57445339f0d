package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.ResourceKind;

import java.util.Optional;

/**
 * A resource request's path taken apart: the kind, the namespace ("" when none), the object name ("" for a
 * collection) and the subresource ("" for none). Parses {@code /api/v1/...} and {@code /apis/GROUP/VERSION/...}
 * the way the apiserver's request-info resolver does. Immutable; any thread.
 */
record RequestTarget(ResourceKind kind, String namespace, String name, String subresource) {

    boolean isCollection() {
        return name.isEmpty();
    }

    /** The resource as RBAC names it: "pods", or "pods/log" with a subresource. */
    String rbacResource() {
        return subresource.isEmpty() ? kind.plural() : kind.plural() + "/" + subresource;
    }

    /**
     * Parses a resource path, or returns empty when the path is not a resource path at all (discovery, OpenAPI,
     * unknown prefixes). Throws 404 for an unknown resource under a known group version.
     */
    static Optional<RequestTarget> parse(String path) {
        String[] s = trim(path).split("/");
        int i;
        String apiVersion;
        if (s.length >= 2 && s[0].equals("api") && s[1].equals("v1")) {
            apiVersion = "v1";
            i = 2;
        } else if (s.length >= 3 && s[0].equals("apis")) {
            apiVersion = s[1] + "/" + s[2];
            i = 3;
        } else {
            return Optional.empty();
        }
        int rest = s.length - i;
        if (rest <= 0) {
            return Optional.empty();
        }
        String namespace = "";
        if (s[i].equals("namespaces") && rest >= 3 && Kinds.byPath(apiVersion, s[i + 2])
                .map(ResourceKind::namespaced).orElse(!s[i + 2].equals("status") && !s[i + 2].equals("finalize"))) {
            namespace = s[i + 1];
            i += 2;
            rest -= 2;
        }
        String plural = s[i];
        ResourceKind kind = Kinds.byPath(apiVersion, plural).orElseThrow(() -> new ApiException(404, "NotFound",
                "the server could not find the requested resource"));
        String name = rest >= 2 ? s[i + 1] : "";
        String sub = rest >= 3 ? s[i + 2] : "";
        if (rest > 3 || (!sub.isEmpty() && !kind.subresources().contains(sub))) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        if (kind.namespaced() && namespace.isEmpty() && !name.isEmpty()) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        return Optional.of(new RequestTarget(kind, namespace, name, sub));
    }

    private static String trim(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.endsWith("/") && path.length() > 1 ? path.length() - 1 : path.length();
        return path.substring(start, Math.max(start, end));
    }
}
