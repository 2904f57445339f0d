package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.ResourceKind;
import tools.jackson.databind.node.ObjectNode;

/**
 * One object as the store holds it, at one resourceVersion. The tree is never modified once stored: readers get it
 * as it is and copy it before changing anything ({@link #copy()}). Its JSON bytes are made once, on first use, and
 * shared by every list and watch that sends it. Any thread.
 */
public final class Stored {

    private final ResourceKind kind;
    private final String namespace;
    private final String name;
    private final ObjectNode object;
    private final long resourceVersion;
    private volatile byte[] json;

    Stored(ResourceKind kind, String namespace, String name, ObjectNode object, long resourceVersion) {
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.object = object;
        this.resourceVersion = resourceVersion;
    }

    public ResourceKind kind() {
        return kind;
    }

    /** The namespace, or "" for cluster-scoped kinds. */
    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** The stored tree; callers must not modify it. */
    public ObjectNode object() {
        return object;
    }

    /** A deep copy the caller may change. */
    public ObjectNode copy() {
        return object.deepCopy();
    }

    public long resourceVersion() {
        return resourceVersion;
    }

    public String uid() {
        return object.path("metadata").path("uid").asString();
    }

    public byte[] json() {
        byte[] b = json;
        if (b == null) {
            b = Json.bytes(object);
            json = b;
        }
        return b;
    }

    static String key(String namespace, String name) {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    String key() {
        return key(namespace, name);
    }
}
