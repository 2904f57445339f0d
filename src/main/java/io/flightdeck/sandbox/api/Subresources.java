package io.flightdeck.sandbox.api;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the subresources of the kind table ("status", "scale", "log") read and write and which verbs they serve, for
 * the discovery and OpenAPI documents; discovery also lists the connect subresource the API server serves outside the
 * store, pods' "proxy" (kind PodProxyOptions, verbs as a real API server lists them). Stateless; called from any
 * thread.
 */
final class Subresources {

    private static final GroupVersionKind SCALE = new GroupVersionKind("autoscaling", "v1", "Scale");
    private static final List<String> READ_WRITE = List.of("get", "patch", "update");
    private static final String PROXY = "proxy";
    private static final GroupVersionKind POD_PROXY = new GroupVersionKind("", "v1", "PodProxyOptions");
    private static final List<String> CONNECT = List.of("create", "delete", "get", "patch", "update");

    private Subresources() {
    }

    /** The kind's subresources in name order, so that documents come out the same on every build. */
    static List<String> of(ResourceKind kind) {
        return kind.subresources().stream().sorted().toList();
    }

    /**
     * What discovery lists: the kind's subresources and, for pods, "proxy", in name order. (The OpenAPI documents
     * leave the proxy out, as its requests and answers are the pod's own.)
     */
    static List<String> discovered(ResourceKind kind) {
        Stream<String> connect = kind == Kinds.POD ? Stream.of(PROXY) : Stream.empty();
        return Stream.concat(kind.subresources().stream(), connect).sorted().toList();
    }

    /**
     * The type a subresource answers with: autoscaling/v1 Scale for "scale", PodProxyOptions for "proxy", the parent
     * kind for the others.
     */
    static GroupVersionKind kind(ResourceKind parent, String subresource) {
        return switch (subresource) {
            case "scale" -> SCALE;
            case PROXY -> POD_PROXY;
            default -> GroupVersionKind.of(parent);
        };
    }

    /** "log" is read-only; "status" and "scale" are read and written; "proxy" connects with any of its verbs. */
    static List<String> verbs(String subresource) {
        return switch (subresource) {
            case "log" -> List.of("get");
            case PROXY -> CONNECT;
            default -> READ_WRITE;
        };
    }
}
