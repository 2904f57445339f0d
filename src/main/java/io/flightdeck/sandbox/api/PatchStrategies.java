package io.flightdeck.sandbox.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The strategic-merge metadata of the built-in kinds the sandbox serves: which lists merge, and by which key,
 * taken from the {@code patchStrategy:"merge"} / {@code patchMergeKey} struct tags of k8s.io/api core/v1, apps/v1
 * and meta/v1. Every list not in the table is replaced whole, every object merges key by key.
 *
 * <p>A path is the field names from the object root joined by dots; list items share their list's path, so
 * {@code spec.template.spec.containers.env} is the env list of any container in a Deployment's pod template.
 * The same fragment (a pod spec, an object meta) is mounted at a different prefix per kind. Immutable; read from
 * any thread.
 */
final class PatchStrategies {

    /** Merge key of a list of scalars merged as a set, like {@code metadata.finalizers}. */
    static final String SCALARS = "";

    private static final String OBJECT_META = """
            finalizers                  -
            ownerReferences             uid
            """;
    private static final String POD_SPEC = """
            containers                  name
            initContainers              name
            ephemeralContainers         name
            volumes                     name
            imagePullSecrets            name
            hostAliases                 ip
            topologySpreadConstraints   topologyKey
            schedulingGates             name
            resourceClaims              name
            """;
    private static final String CONTAINER = """
            ports                       containerPort
            env                         name
            volumeMounts                mountPath
            volumeDevices               devicePath
            """;
    private static final String POD_STATUS = """
            conditions                  type
            podIPs                      ip
            hostIPs                     ip
            resourceClaimStatuses       name
            """;
    private static final String CONDITIONS = "conditions type";
    private static final String SERVICE_SPEC = "ports port";

    private static final Map<ResourceKind, PatchStrategies> BY_KIND = Map.ofEntries(
            Map.entry(Kinds.POD, new PatchStrategies()
                    .at("metadata", OBJECT_META).atPodSpec("spec").at("status", POD_STATUS)),
            Map.entry(Kinds.DEPLOYMENT, workload()),
            Map.entry(Kinds.REPLICA_SET, workload()),
            Map.entry(Kinds.SERVICE, new PatchStrategies()
                    .at("metadata", OBJECT_META).at("spec", SERVICE_SPEC).at("status", CONDITIONS)),
            Map.entry(Kinds.NAMESPACE, new PatchStrategies().at("metadata", OBJECT_META).at("status", CONDITIONS)),
            Map.entry(Kinds.CONFIG_MAP, new PatchStrategies().at("metadata", OBJECT_META)),
            Map.entry(Kinds.ENDPOINTS, new PatchStrategies().at("metadata", OBJECT_META)),
            Map.entry(Kinds.ENDPOINT_SLICE, new PatchStrategies().at("metadata", OBJECT_META)),
            Map.entry(Kinds.LEASE, new PatchStrategies().at("metadata", OBJECT_META)),
            Map.entry(Kinds.EVENT, new PatchStrategies().at("metadata", OBJECT_META)),
            Map.entry(Kinds.EVENT_V1, new PatchStrategies().at("metadata", OBJECT_META)));

    private final Map<String, String> mergeKeys = new HashMap<>();

    private PatchStrategies() {
    }

    /** The table for a kind, or empty when the kind has no strategic merge (custom resources such as HTTPRoute). */
    static Optional<PatchStrategies> forKind(ResourceKind kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }

    /** The merge key of the list at {@code path}: {@link #SCALARS} for a set of scalars, empty if it is replaced. */
    Optional<String> mergeKey(String path) {
        return Optional.ofNullable(mergeKeys.get(path));
    }

    private static PatchStrategies workload() {
        return new PatchStrategies()
                .at("metadata", OBJECT_META)
                .at("spec.template.metadata", OBJECT_META)
                .atPodSpec("spec.template.spec")
                .at("status", CONDITIONS);
    }

    private PatchStrategies atPodSpec(String prefix) {
        at(prefix, POD_SPEC);
        for (String containers : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
            at(prefix + "." + containers, CONTAINER);
        }
        return this;
    }

    /** Mounts a fragment ("path key" lines, "-" for a set of scalars) at a prefix; used while building only. */
    private PatchStrategies at(String prefix, String fragment) {
        for (String line : fragment.strip().split("\n")) {
            String[] cells = line.strip().split("\\s+");
            mergeKeys.put(prefix + "." + cells[0], cells[1].equals("-") ? SCALARS : cells[1]);
        }
        return this;
    }
}
