package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Services and the pods behind them, from the EndpointSlices that the endpoint-slice controller keeps (label
 * {@code kubernetes.io/service-name}, endpoints with a Pod targetRef). Informer threads write; any thread reads.
 * Thread-safe. Nothing here is shown by the workload views yet, so changes do not move the state's version.
 */
final class ServiceIndex {

    static final String SERVICE_NAME = "kubernetes.io/service-name";

    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final Map<String, EndpointSlice> slices = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> slicesByService = new ConcurrentHashMap<>();

    void putService(Service s) {
        services.put(key(Meta.namespace(s), Meta.name(s)), s);
    }

    void removeService(Service s) {
        services.remove(key(Meta.namespace(s), Meta.name(s)));
    }

    void putSlice(EndpointSlice slice) {
        String uid = Meta.uid(slice);
        EndpointSlice before = slices.put(uid, slice);
        String service = serviceKey(slice);
        if (before != null && !serviceKey(before).equals(service)) {
            Indexes.remove(slicesByService, serviceKey(before), uid);
        }
        Indexes.add(slicesByService, service, uid);
    }

    void removeSlice(EndpointSlice slice) {
        String uid = Meta.uid(slice);
        EndpointSlice before = slices.remove(uid);
        Indexes.remove(slicesByService, serviceKey(before == null ? slice : before), uid);
    }

    Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services.get(key(namespace, name)));
    }

    int serviceCount() {
        return services.size();
    }

    /** The names of the pods that serve the Service now (ready endpoints), sorted. */
    List<String> readyPods(String namespace, String service) {
        List<String> pods = new ArrayList<>();
        for (String uid : slicesByService.getOrDefault(key(namespace, service), Set.of())) {
            EndpointSlice slice = slices.get(uid);
            if (slice == null) {
                continue;
            }
            for (Endpoint e : PodStatusText.list(slice.getEndpoints())) {
                boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
                if (ready && e.getTargetRef() != null && "Pod".equals(e.getTargetRef().getKind())) {
                    pods.add(e.getTargetRef().getName());
                }
            }
        }
        pods.sort(null);
        return pods;
    }

    private static String serviceKey(EndpointSlice slice) {
        String service = Meta.label(slice, SERVICE_NAME);
        return key(Meta.namespace(slice), service == null ? "" : service);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
