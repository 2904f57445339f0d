package io.flightdeck.sandbox.api;

import java.util.List;
import java.util.Set;

/**
 * One kind of object the sandbox API server serves: where it lives in the REST tree and how it behaves
 * (namespaced or not, status subresource, generation). Immutable; read from any thread.
 *
 * @param group        API group, "" for the core group
 * @param version      API version within the group, e.g. "v1"
 * @param kind         the object kind, e.g. "Deployment"
 * @param plural       resource name in URLs, e.g. "deployments"
 * @param singular     singular resource name, e.g. "deployment"
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl short names, e.g. "deploy"
 * @param verbs        the verbs discovery advertises
 * @param subresources subresources served, e.g. "status", "scale", "log"
 * @param hasGeneration whether spec changes bump metadata.generation (objects with a status subresource)
 * @param categories   discovery categories ("all" makes `kubectl get all` include the kind)
 */
public record ResourceKind(String group, String version, String kind, String plural, String singular,
                           boolean namespaced, List<String> shortNames, List<String> verbs,
                           Set<String> subresources, boolean hasGeneration, List<String> categories) {

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** "apps/v1", or "v1" for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "deployments.apps", or "pods" for the core group: the name RBAC rules and errors use. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String listKind() {
        return kind + "List";
    }

    public boolean hasStatus() {
        return subresources.contains("status");
    }
}
