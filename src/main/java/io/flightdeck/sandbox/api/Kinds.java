package io.flightdeck.sandbox.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fixed table of kinds the sandbox serves, looked up by group/version/plural or by short name. Immutable. */
public final class Kinds {

    public static final ResourceKind NAMESPACE = kind("", "v1", "Namespace", "namespaces", false,
            List.of("ns"), Set.of("status"), false, List.of());
    public static final ResourceKind POD = kind("", "v1", "Pod", "pods", true,
            List.of("po"), Set.of("status", "log"), false, List.of("all"));
    public static final ResourceKind SERVICE = kind("", "v1", "Service", "services", true,
            List.of("svc"), Set.of("status"), false, List.of("all"));
    public static final ResourceKind ENDPOINTS = kind("", "v1", "Endpoints", "endpoints", true,
            List.of("ep"), Set.of(), false, List.of());
    public static final ResourceKind CONFIG_MAP = kind("", "v1", "ConfigMap", "configmaps", true,
            List.of("cm"), Set.of(), false, List.of());
    public static final ResourceKind EVENT = kind("", "v1", "Event", "events", true,
            List.of("ev"), Set.of(), false, List.of());
    public static final ResourceKind EVENT_V1 = kind("events.k8s.io", "v1", "Event", "events", true,
            List.of("ev"), Set.of(), false, List.of());
    public static final ResourceKind DEPLOYMENT = kind("apps", "v1", "Deployment", "deployments", true,
            List.of("deploy"), Set.of("status", "scale"), true, List.of("all"));
    public static final ResourceKind REPLICA_SET = kind("apps", "v1", "ReplicaSet", "replicasets", true,
            List.of("rs"), Set.of("status", "scale"), true, List.of("all"));
    public static final ResourceKind ENDPOINT_SLICE = kind("discovery.k8s.io", "v1", "EndpointSlice",
            "endpointslices", true, List.of(), Set.of(), false, List.of());
    public static final ResourceKind LEASE = kind("coordination.k8s.io", "v1", "Lease", "leases", true,
            List.of(), Set.of(), false, List.of());
    public static final ResourceKind HTTP_ROUTE = kind("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes",
            true, List.of(), Set.of("status"), true, List.of("gateway-api"));
    public static final ResourceKind SELF_SUBJECT_ACCESS_REVIEW = new ResourceKind("authorization.k8s.io", "v1",
            "SelfSubjectAccessReview", "selfsubjectaccessreviews", "selfsubjectaccessreview", false, List.of(),
            List.of("create"), Set.of(), false, List.of());

    public static final List<ResourceKind> ALL = List.of(NAMESPACE, POD, SERVICE, ENDPOINTS, CONFIG_MAP, EVENT,
            EVENT_V1, DEPLOYMENT, REPLICA_SET, ENDPOINT_SLICE, LEASE, HTTP_ROUTE, SELF_SUBJECT_ACCESS_REVIEW);

    private static final Map<String, ResourceKind> BY_PATH = new LinkedHashMap<>();

    static {
        for (ResourceKind k : ALL) {
            BY_PATH.put(k.apiVersion() + "/" + k.plural(), k);
        }
    }

    private Kinds() {
    }

    /** The kind served at apiVersion ("v1", "apps/v1") and plural ("pods"), if any. */
    public static Optional<ResourceKind> byPath(String apiVersion, String plural) {
        return Optional.ofNullable(BY_PATH.get(apiVersion + "/" + plural));
    }

    /** The kind with this apiVersion and kind name ("apps/v1", "Deployment"), if any. */
    public static Optional<ResourceKind> byKind(String apiVersion, String kind) {
        return ALL.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
    }

    /** The API groups served, core excluded, in discovery order, each with its one version. */
    public static List<String> groups() {
        return ALL.stream().map(ResourceKind::group).filter(g -> !g.isEmpty()).distinct().toList();
    }

    private static ResourceKind kind(String group, String version, String kind, String plural, boolean namespaced,
                                     List<String> shortNames, Set<String> subresources, boolean generation,
                                     List<String> categories) {
        return new ResourceKind(group, version, kind, plural, kind.toLowerCase(java.util.Locale.ROOT), namespaced,
                shortNames, ResourceKind.ALL_VERBS, subresources, generation, categories);
    }
}
