package io.flightdeck.ui.workloads;

import io.flightdeck.cluster.ClusterState;
import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.WorkloadDetail;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A cluster state that tests change by hand, from any thread: Deployments, their pods and events, and the connection.
 * Every change bumps the version, as the real one does. Counts reads, so tests can check the UI reads only on change.
 */
final class FakeClusterState implements ClusterState {

    private final Map<WorkloadKey, WorkloadSnapshot> workloads = new TreeMap<>();
    private final Map<WorkloadKey, List<PodSnapshot>> pods = new TreeMap<>();
    private final Map<WorkloadKey, List<EventSnapshot>> events = new TreeMap<>();
    private ConnectionStatus connection = new ConnectionStatus(ConnectionStatus.State.CONNECTED, "fake", "", null);
    private long version = 1;
    final AtomicInteger workloadReads = new AtomicInteger();
    final AtomicInteger detailReads = new AtomicInteger();

    @Override
    public synchronized long version() {
        return version;
    }

    @Override
    public synchronized List<WorkloadSnapshot> workloads() {
        workloadReads.incrementAndGet();
        return List.copyOf(workloads.values());
    }

    @Override
    public synchronized Optional<WorkloadDetail> detail(WorkloadKey key) {
        detailReads.incrementAndGet();
        WorkloadSnapshot w = workloads.get(key);
        if (w == null) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadDetail(w, List.copyOf(pods.getOrDefault(key, List.of())),
                List.copyOf(events.getOrDefault(key, List.of()))));
    }

    @Override
    public synchronized ConnectionStatus connection() {
        return connection;
    }

    synchronized void put(WorkloadSnapshot w) {
        workloads.put(w.key(), w);
        version++;
    }

    synchronized void remove(WorkloadKey key) {
        workloads.remove(key);
        pods.remove(key);
        version++;
    }

    synchronized WorkloadSnapshot workload(WorkloadKey key) {
        return workloads.get(key);
    }

    synchronized void pods(WorkloadKey key, List<PodSnapshot> list) {
        pods.put(key, new ArrayList<>(list));
        version++;
    }

    synchronized List<PodSnapshot> pods(WorkloadKey key) {
        return List.copyOf(pods.getOrDefault(key, List.of()));
    }

    /** Replaces the pod named {@code name} by what {@code change} makes of it, with a new resourceVersion. */
    synchronized void changePod(WorkloadKey key, String name, UnaryOperator<PodSnapshot> change) {
        List<PodSnapshot> list = pods.get(key);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                list.set(i, Pods.withVersion(change.apply(list.get(i)), Long.toString(version + 1)));
            }
        }
        version++;
    }

    synchronized void events(WorkloadKey key, List<EventSnapshot> list) {
        events.put(key, List.copyOf(list));
        version++;
    }

    synchronized void connection(ConnectionStatus status) {
        connection = status;
        version++;
    }

    static Instant t0() {
        return Instant.parse("2026-11-27T12:00:00Z");
    }
}
