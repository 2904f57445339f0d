package io.flightdeck.sandbox.server;

import java.util.Map;

/**
 * A resource request as the handler sees it: method, parsed target, query parameters (first value of each),
 * headers that matter, the body, and the authenticated user. Immutable.
 */
record ApiRequest(String method, RequestTarget target, Map<String, String> params, String contentType,
                  String accept, byte[] body, String user) {

    String param(String name) {
        return params.get(name);
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(params.get(name)) || "1".equals(params.get(name));
    }

    boolean dryRun() {
        return "All".equals(params.get("dryRun"));
    }

    /** The RBAC verb this request needs. */
    String verb() {
        return switch (method) {
            case "GET", "HEAD" -> target.isCollection() ? (flag("watch") ? "watch" : "list") : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> target.isCollection() ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
