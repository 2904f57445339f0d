package io.flightdeck.sandbox.api;

/**
 * A group, version and kind, as discovery and OpenAPI documents name the type an endpoint reads and writes. Immutable;
 * read from any thread.
 *
 * @param group   API group, "" for the core group
 * @param version API version within the group
 * @param kind    the object kind, e.g. "Scale"
 */
public record GroupVersionKind(String group, String version, String kind) {

    public static GroupVersionKind of(ResourceKind kind) {
        return new GroupVersionKind(kind.group(), kind.version(), kind.kind());
    }

    /** "autoscaling/v1", or "v1" for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
