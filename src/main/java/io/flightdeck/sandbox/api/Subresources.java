package io.flightdeck.sandbox.api;

import java.util.List;

/**
 * What the subresources of the kind table ("status", "scale", "log") read and write and which verbs they serve, for
 * the discovery and OpenAPI documents. Stateless; called from any thread.
 */
final class Subresources {

    private static final GroupVersionKind SCALE = new GroupVersionKind("autoscaling", "v1", "Scale");
    private static final List<String> READ_WRITE = List.of("get", "patch", "update");

    private Subresources() {
    }

    /** The kind's subresources in name order, so that documents come out the same on every build. */
    static List<String> of(ResourceKind kind) {
        return kind.subresources().stream().sorted().toList();
    }

    /** The type a subresource answers with: autoscaling/v1 Scale for "scale", the parent kind for the others. */
    static GroupVersionKind kind(ResourceKind parent, String subresource) {
        return subresource.equals("scale") ? SCALE : GroupVersionKind.of(parent);
    }

    /** "log" is read-only; "status" and "scale" are read and written. */
    static List<String> verbs(String subresource) {
        return subresource.equals("log") ? List.of("get") : READ_WRITE;
    }
}
