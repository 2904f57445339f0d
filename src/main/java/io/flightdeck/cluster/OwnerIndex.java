package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objects of a session indexed by owner: Deployment -> ReplicaSets (by controller ownerReference uid) -> Pods,
 * and Events by the uid of the object they are about. A child may arrive before its owner; it is filed under the
 * owner's uid and found once the owner is there. Every write is O(1): store the object, move it between owner sets,
 * then give the affected entries a new mark (a unique number) and only after that bump the global version, so a
 * reader that sees the new version also sees the marks. Writers are informer threads; the entries' snapshot fields
 * belong to the reader, which holds {@link LiveClusterState}'s lock. Thread-safe.
 */
final class OwnerIndex {

    static final class DeploymentEntry {
        final WorkloadKey key;
        volatile Deployment deployment;
        volatile String uid;
        volatile long rowMark;
        volatile long detailMark;
        WorkloadSnapshot row;
        long rowBuiltFrom = -1;
        WorkloadDetail detail;
        long detailBuiltFrom = -1;

        DeploymentEntry(WorkloadKey key) {
            this.key = key;
        }
    }

    static final class ReplicaSetEntry {
        volatile ReplicaSet replicaSet;
        volatile String owner;
    }

    static final class PodEntry {
        final String uid;
        volatile Pod pod;
        volatile String owner;
        volatile long mark;
        PodSnapshot snapshot;
        long builtFrom = -1;

        PodEntry(String uid) {
            this.uid = uid;
        }
    }

    private final AtomicLong version = new AtomicLong();
    private final AtomicLong marks = new AtomicLong();
    private volatile long rowsMark;
    private final ConcurrentSkipListMap<WorkloadKey, DeploymentEntry> deployments = new ConcurrentSkipListMap<>();
    private final Map<String, WorkloadKey> deploymentKeys = new ConcurrentHashMap<>();
    private final Map<String, ReplicaSetEntry> replicaSets = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> replicaSetsByOwner = new ConcurrentHashMap<>();
    private final Map<String, PodEntry> pods = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> podsByOwner = new ConcurrentHashMap<>();
    private final Map<String, Map<String, EventSnapshot>> eventsByObject = new ConcurrentHashMap<>();

    long version() {
        return version.get();
    }

    long rowsMark() {
        return rowsMark;
    }

    void bump() {
        version.incrementAndGet();
    }

    Collection<DeploymentEntry> deployments() {
        return deployments.values();
    }

    DeploymentEntry deployment(WorkloadKey key) {
        return deployments.get(key);
    }

    ReplicaSetEntry replicaSet(String uid) {
        return uid == null ? null : replicaSets.get(uid);
    }

    PodEntry pod(String uid) {
        return uid == null ? null : pods.get(uid);
    }

    int podCount() {
        return pods.size();
    }

    Set<String> replicaSetsOf(String deploymentUid) {
        return deploymentUid == null ? Set.of() : replicaSetsByOwner.getOrDefault(deploymentUid, Set.of());
    }

    Set<String> podsOf(String replicaSetUid) {
        return replicaSetUid == null ? Set.of() : podsByOwner.getOrDefault(replicaSetUid, Set.of());
    }

    Collection<EventSnapshot> events(String objectUid) {
        Map<String, EventSnapshot> m = objectUid == null ? null : eventsByObject.get(objectUid);
        return m == null ? List.of() : m.values();
    }

    void putDeployment(Deployment d) {
        WorkloadKey key = new WorkloadKey(Meta.namespace(d), Meta.name(d));
        String uid = Meta.uid(d);
        DeploymentEntry e = deployments.computeIfAbsent(key, DeploymentEntry::new);
        String before = e.uid;
        e.deployment = d;
        e.uid = uid;
        if (before != null && !before.equals(uid)) {
            deploymentKeys.remove(before, key);
        }
        if (uid != null) {
            deploymentKeys.put(uid, key);
        }
        markRow(e);
        rowsMark = marks.incrementAndGet();
        bump();
    }

    void removeDeployment(Deployment d) {
        WorkloadKey key = new WorkloadKey(Meta.namespace(d), Meta.name(d));
        DeploymentEntry e = deployments.get(key);
        if (e == null || (e.uid != null && !e.uid.equals(Meta.uid(d)))) {
            return;
        }
        deployments.remove(key, e);
        if (e.uid != null) {
            deploymentKeys.remove(e.uid, key);
        }
        rowsMark = marks.incrementAndGet();
        bump();
    }

    void putReplicaSet(ReplicaSet rs) {
        String uid = Meta.uid(rs);
        if (uid == null) {
            return;
        }
        String owner = Meta.controllerUid(rs, "Deployment");
        ReplicaSetEntry e = replicaSets.computeIfAbsent(uid, u -> new ReplicaSetEntry());
        String before = e.owner;
        e.replicaSet = rs;
        e.owner = owner;
        if (!Objects.equals(before, owner)) {
            Indexes.remove(replicaSetsByOwner, before, uid);
            Indexes.add(replicaSetsByOwner, owner, uid);
            markRowOf(before);
        }
        markRowOf(owner);
        bump();
    }

    void removeReplicaSet(ReplicaSet rs) {
        String uid = Meta.uid(rs);
        ReplicaSetEntry e = uid == null ? null : replicaSets.remove(uid);
        String owner = e != null ? e.owner : Meta.controllerUid(rs, "Deployment");
        Indexes.remove(replicaSetsByOwner, owner, uid);
        markRowOf(owner);
        bump();
    }

    void putPod(Pod pod) {
        String uid = Meta.uid(pod);
        if (uid == null) {
            return;
        }
        String owner = Meta.controllerUid(pod, "ReplicaSet");
        PodEntry e = pods.computeIfAbsent(uid, PodEntry::new);
        String before = e.owner;
        e.pod = pod;
        e.owner = owner;
        e.mark = marks.incrementAndGet();
        if (!Objects.equals(before, owner)) {
            Indexes.remove(podsByOwner, before, uid);
            Indexes.add(podsByOwner, owner, uid);
            markDetailOfReplicaSet(before);
        }
        markDetailOfReplicaSet(owner);
        bump();
    }

    void removePod(Pod pod) {
        String uid = Meta.uid(pod);
        PodEntry e = uid == null ? null : pods.remove(uid);
        String owner = e != null ? e.owner : Meta.controllerUid(pod, "ReplicaSet");
        Indexes.remove(podsByOwner, owner, uid);
        markDetailOfReplicaSet(owner);
        bump();
    }

    void putEvent(Event event, EventSnapshot snapshot) {
        String about = about(event);
        eventsByObject.compute(about, (k, m) -> {
            Map<String, EventSnapshot> events = m == null ? new ConcurrentHashMap<>() : m;
            events.put(String.valueOf(snapshot.uid()), snapshot);
            return events;
        });
        markAbout(event);
        bump();
    }

    void removeEvent(Event event) {
        String uid = String.valueOf(Meta.uid(event));
        eventsByObject.computeIfPresent(about(event), (k, m) -> {
            m.remove(uid);
            return m.isEmpty() ? null : m;
        });
        markAbout(event);
        bump();
    }

    /** The key events are filed under: the involved object's uid, or kind/namespace/name when it has none. */
    private static String about(Event e) {
        ObjectReference o = e.getInvolvedObject();
        if (o == null) {
            return "?/" + Meta.namespace(e);
        }
        return o.getUid() != null && !o.getUid().isEmpty() ? o.getUid()
                : o.getKind() + "/" + o.getNamespace() + "/" + o.getName();
    }

    private void markAbout(Event event) {
        ObjectReference o = event.getInvolvedObject();
        if (o == null || o.getKind() == null) {
            return;
        }
        switch (o.getKind()) {
            case "Pod" -> {
                PodEntry p = pod(o.getUid());
                if (p != null) {
                    p.mark = marks.incrementAndGet();
                    markDetailOfReplicaSet(p.owner);
                }
            }
            case "ReplicaSet" -> {
                ReplicaSetEntry r = replicaSet(o.getUid());
                if (r != null) {
                    markDetail(deploymentByUid(r.owner));
                }
            }
            case "Deployment" -> markDetail(deployments.get(new WorkloadKey(
                    o.getNamespace() == null ? Meta.namespace(event) : o.getNamespace(), String.valueOf(o.getName()))));
            default -> {
            }
        }
    }

    private DeploymentEntry deploymentByUid(String uid) {
        WorkloadKey key = uid == null ? null : deploymentKeys.get(uid);
        return key == null ? null : deployments.get(key);
    }

    private void markRowOf(String deploymentUid) {
        DeploymentEntry e = deploymentByUid(deploymentUid);
        if (e != null) {
            markRow(e);
            rowsMark = marks.incrementAndGet();
        }
    }

    private void markDetailOfReplicaSet(String replicaSetUid) {
        ReplicaSetEntry r = replicaSet(replicaSetUid);
        if (r != null) {
            markDetail(deploymentByUid(r.owner));
        }
    }

    private void markRow(DeploymentEntry e) {
        long m = marks.incrementAndGet();
        e.rowMark = m;
        e.detailMark = m;
    }

    private void markDetail(DeploymentEntry e) {
        if (e != null) {
            e.detailMark = marks.incrementAndGet();
        }
    }
}
