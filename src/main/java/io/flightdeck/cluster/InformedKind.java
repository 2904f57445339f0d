package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One kind a session watches, with its fabric8 operation and how its changes reach the state; {@link #ALL} are
 * deployments, replicasets, pods, services, endpointslices and core/v1 events. Immutable.
 */
record InformedKind<T extends HasMetadata>(String resource,
                                           Function<KubernetesClient, MixedOperation<T, ?, ?>> operation,
                                           BiConsumer<LiveClusterState, T> put,
                                           BiConsumer<LiveClusterState, T> remove) {

    /**
     * Lists come in pages of this many objects, as client-go's informers do: fabric8 deserializes a list on its
     * event loop, and one page at a time lets the other watches through in between.
     */
    static final long PAGE = 500;

    static final List<InformedKind<?>> ALL = List.of(
            new InformedKind<>("deployments", c -> c.apps().deployments(), LiveClusterState::putDeployment,
                    LiveClusterState::removeDeployment),
            new InformedKind<>("replicasets", c -> c.apps().replicaSets(), LiveClusterState::putReplicaSet,
                    LiveClusterState::removeReplicaSet),
            new InformedKind<>("pods", KubernetesClient::pods, LiveClusterState::putPod, LiveClusterState::removePod),
            new InformedKind<>("services", KubernetesClient::services, LiveClusterState::putService,
                    LiveClusterState::removeService),
            new InformedKind<>("endpointslices", c -> c.discovery().v1().endpointSlices(),
                    LiveClusterState::putEndpointSlice, LiveClusterState::removeEndpointSlice),
            new InformedKind<>("events", c -> c.v1().events(), LiveClusterState::putEvent,
                    LiveClusterState::removeEvent));

    /** A new, not yet started informer (no resync) in one namespace, or in all when {@code namespace} is null. */
    SharedIndexInformer<T> informer(KubernetesClient client, String namespace, LiveClusterState state) {
        MixedOperation<T, ?, ?> op = operation.apply(client);
        Informable<T> source;
        if (namespace == null) {
            source = op.inAnyNamespace();
        } else {
            source = op.inNamespace(namespace);
        }
        SharedIndexInformer<T> informer = source.withLimit(PAGE).runnableInformer(0);
        informer.addEventHandler(new StateHandler<T>(resource, o -> put.accept(state, o),
                o -> remove.accept(state, o)));
        return informer;
    }
}
