package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live {@link ClusterState} of one session. Writers are informer threads: each change is O(1) work on the
 * {@link OwnerIndex} (store the object, move it between owners, mark the affected Deployment changed, bump the version)
 * and never builds a snapshot. Readers (the UI's batcher, once per tick) build snapshots lazily under one reader lock:
 * {@link #workloads()} rebuilds only the rows whose Deployment or ReplicaSets changed and returns the same list while
 * no row changed; {@link #detail} rebuilds a Deployment's detail only when something of it changed, and a pod's
 * snapshot only when that pod or its events changed. Thread-safe.
 */
public final class LiveClusterState implements ClusterState {

    /** At most this many events in a detail, newest first. */
    public static final int MAX_EVENTS = 200;

    private static final Comparator<EventSnapshot> NEWEST_FIRST = Comparator.comparing(EventSnapshot::lastSeen,
            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(EventSnapshot::uid,
            Comparator.nullsLast(Comparator.naturalOrder()));

    private final Clock clock;
    private final OwnerIndex index = new OwnerIndex();
    private final ServiceIndex services = new ServiceIndex();
    private volatile ConnectionStatus connection;

    private List<WorkloadSnapshot> rows = List.of();
    private long rowsBuiltFrom = -1;

    public LiveClusterState(ConnectionStatus initial, Clock clock) {
        this.connection = initial;
        this.clock = clock;
    }

    @Override
    public long version() {
        return index.version();
    }

    @Override
    public synchronized List<WorkloadSnapshot> workloads() {
        long mark = index.rowsMark();
        if (mark == rowsBuiltFrom) {
            return rows;
        }
        List<WorkloadSnapshot> out = new ArrayList<>();
        for (OwnerIndex.DeploymentEntry e : index.deployments()) {
            WorkloadSnapshot row = row(e);
            if (row != null) {
                out.add(row);
            }
        }
        rows = Collections.unmodifiableList(out);
        rowsBuiltFrom = mark;
        return rows;
    }

    @Override
    public synchronized Optional<WorkloadDetail> detail(WorkloadKey key) {
        OwnerIndex.DeploymentEntry e = index.deployment(key);
        if (e == null) {
            return Optional.empty();
        }
        long mark = e.detailMark;
        if (e.detail != null && e.detailBuiltFrom == mark) {
            return Optional.of(e.detail);
        }
        WorkloadSnapshot row = row(e);
        if (row == null) {
            return Optional.empty();
        }
        Map<String, Integer> revisionOrder = new HashMap<>();
        for (Revision r : row.revisions()) {
            if (r.podTemplateHash() != null) {
                revisionOrder.putIfAbsent(r.podTemplateHash(), revisionOrder.size());
            }
        }
        List<PodSnapshot> pods = new ArrayList<>();
        List<EventSnapshot> events = new ArrayList<>(index.events(e.uid));
        for (String rs : index.replicaSetsOf(e.uid)) {
            events.addAll(index.events(rs));
            for (String podUid : index.podsOf(rs)) {
                OwnerIndex.PodEntry p = index.pod(podUid);
                if (p != null) {
                    pods.add(snapshot(p));
                    events.addAll(index.events(podUid));
                }
            }
        }
        pods.sort(Comparator.<PodSnapshot>comparingInt(p -> revisionOrder.getOrDefault(p.podTemplateHash(),
                Integer.MAX_VALUE)).thenComparing(PodSnapshot::name));
        events.sort(NEWEST_FIRST);
        List<EventSnapshot> newest = events.size() > MAX_EVENTS ? events.subList(0, MAX_EVENTS) : events;
        e.detail = new WorkloadDetail(row, List.copyOf(pods), List.copyOf(newest));
        e.detailBuiltFrom = mark;
        return Optional.of(e.detail);
    }

    @Override
    public ConnectionStatus connection() {
        return connection;
    }

    /** The names of the pods behind a Service now (its ready endpoints), sorted. */
    public List<String> servicePods(String namespace, String service) {
        return services.readyPods(namespace, service);
    }

    public int podCount() {
        return index.podCount();
    }

    public int serviceCount() {
        return services.serviceCount();
    }

    void setConnection(ConnectionStatus status) {
        connection = status;
        index.bump();
    }

    void putDeployment(Deployment d) {
        index.putDeployment(d);
    }

    void removeDeployment(Deployment d) {
        index.removeDeployment(d);
    }

    void putReplicaSet(ReplicaSet rs) {
        index.putReplicaSet(rs);
    }

    void removeReplicaSet(ReplicaSet rs) {
        index.removeReplicaSet(rs);
    }

    void putPod(Pod pod) {
        index.putPod(pod);
    }

    void removePod(Pod pod) {
        index.removePod(pod);
    }

    void putEvent(Event e) {
        index.putEvent(e, Snapshots.event(e));
    }

    void removeEvent(Event e) {
        index.removeEvent(e);
    }

    void putService(Service s) {
        services.putService(s);
    }

    void removeService(Service s) {
        services.removeService(s);
    }

    void putEndpointSlice(EndpointSlice s) {
        services.putSlice(s);
    }

    void removeEndpointSlice(EndpointSlice s) {
        services.removeSlice(s);
    }

    /** The row of a Deployment, rebuilt when its Deployment or ReplicaSets changed; null if it has no object. */
    private WorkloadSnapshot row(OwnerIndex.DeploymentEntry e) {
        long mark = e.rowMark;
        if (e.row != null && e.rowBuiltFrom == mark) {
            return e.row;
        }
        Deployment d = e.deployment;
        if (d == null) {
            return null;
        }
        Set<String> rsUids = index.replicaSetsOf(e.uid);
        List<ReplicaSet> replicaSets = new ArrayList<>(rsUids.size());
        for (String uid : rsUids) {
            OwnerIndex.ReplicaSetEntry r = index.replicaSet(uid);
            if (r != null && r.replicaSet != null) {
                replicaSets.add(r.replicaSet);
            }
        }
        e.row = WorkloadRows.row(e.key, d, replicaSets, mark);
        e.rowBuiltFrom = mark;
        return e.row;
    }

    private PodSnapshot snapshot(OwnerIndex.PodEntry p) {
        long mark = p.mark;
        if (p.snapshot != null && p.builtFrom == mark) {
            return p.snapshot;
        }
        Collection<EventSnapshot> events = index.events(p.uid);
        p.snapshot = Snapshots.pod(p.pod, events, clock.instant());
        p.builtFrom = mark;
        return p.snapshot;
    }
}
