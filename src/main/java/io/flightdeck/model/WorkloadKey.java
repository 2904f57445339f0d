package io.flightdeck.model;

/** Names one Deployment: namespace and name. Immutable. */
public record WorkloadKey(String namespace, String name) implements Comparable<WorkloadKey> {

    @Override
    public int compareTo(WorkloadKey o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
