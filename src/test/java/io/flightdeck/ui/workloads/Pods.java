package io.flightdeck.ui.workloads;

import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.Health;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeKind;
import io.flightdeck.model.ProbeState;
import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders of model records for the tests: the seeded shop's Deployments, their pods and events. */
final class Pods {

    static final WorkloadKey CHECKOUT = new WorkloadKey("shop", "checkout");
    static final WorkloadKey STOREFRONT = new WorkloadKey("shop", "storefront");
    static final WorkloadKey COREDNS = new WorkloadKey("kube-system", "coredns");

    private Pods() {
    }

    static List<ProbeState> passingProbes() {
        return List.of(
                new ProbeState(ProbeKind.STARTUP, ProbeHealth.PASSING, "HTTP GET :8080/healthz every 2s, 30 failures",
                        null, null),
                new ProbeState(ProbeKind.READINESS, ProbeHealth.PASSING, "HTTP GET :8080/ready after 3s every 5s, "
                        + "3 failures", null, null),
                new ProbeState(ProbeKind.LIVENESS, ProbeHealth.PASSING, "HTTP GET :8080/healthz every 10s, "
                        + "3 failures", null, null));
    }

    static PodSnapshot pod(WorkloadKey key, String hash, String suffix, boolean ready) {
        String name = key.name() + "-" + hash + "-" + suffix;
        return new PodSnapshot(key.namespace(), name, "uid-" + name, hash, "Running", "Running", ready, 0,
                "sandbox-node-1", "10.244.0.7", FakeClusterState.t0(), false, passingProbes(), null,
                "registry.shop.example/" + key.name() + ":2.0", "1");
    }

    static List<PodSnapshot> pods(WorkloadKey key, String hash, int count) {
        List<PodSnapshot> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(pod(key, hash, "p" + (char) ('a' + i % 26) + i, true));
        }
        return list;
    }

    static Revision revision(WorkloadKey key, long number, String hash, String tag, int replicas) {
        return new Revision(key.name() + "-" + hash, number, hash, List.of("registry.shop.example/" + key.name() + ":"
                + tag), replicas, replicas, replicas, replicas, FakeClusterState.t0());
    }

    static WorkloadSnapshot workload(WorkloadKey key, Health health, int replicas, List<Revision> revisions,
                                     long version) {
        String tag = revisions.isEmpty() ? "" : Ages.tag(revisions.getFirst().images().getFirst());
        return new WorkloadSnapshot(key, health, replicas, replicas, replicas, replicas,
                "registry.shop.example/" + key.name() + ":" + tag, tag, health == Health.PAUSED, revisions, "",
                version);
    }

    static PodSnapshot notReady(PodSnapshot p) {
        List<ProbeState> probes = List.of(p.probes().get(0), new ProbeState(ProbeKind.READINESS, ProbeHealth.FAILING,
                p.probes().get(1).configured(), "Readiness probe failed: HTTP probe failed with statuscode: 503",
                FakeClusterState.t0().plusSeconds(30)), p.probes().get(2));
        return new PodSnapshot(p.namespace(), p.name(), p.uid(), p.podTemplateHash(), p.phase(), p.status(), false,
                p.restarts(), p.node(), p.podIp(), p.created(), p.terminating(), probes, p.lastTerminationReason(),
                p.image(), p.resourceVersion());
    }

    static PodSnapshot withVersion(PodSnapshot p, String rv) {
        return new PodSnapshot(p.namespace(), p.name(), p.uid(), p.podTemplateHash(), p.phase(), p.status(),
                p.ready(), p.restarts(), p.node(), p.podIp(), p.created(), p.terminating(), p.probes(),
                p.lastTerminationReason(), p.image(), rv);
    }

    static EventSnapshot event(String kind, String name, String type, String reason, String message, Instant at) {
        return new EventSnapshot("shop", kind, name, type, reason, message, 1, at, "ev-" + name + reason + at);
    }

    /** The shop as seeded, plus a kube-system Deployment: checkout with 3 ready pods of revision 1. */
    static FakeClusterState shop() {
        FakeClusterState state = new FakeClusterState();
        String[][] apps = {{"storefront", "8"}, {"catalog", "4"}, {"search", "3"}, {"cart", "4"},
            {"checkout", "3"}, {"payments", "2"}};
        long v = 1;
        for (String[] app : apps) {
            WorkloadKey key = new WorkloadKey("shop", app[0]);
            int n = Integer.parseInt(app[1]);
            String hash = "h" + app[0].length() + "aa11";
            state.put(workload(key, Health.HEALTHY, n, List.of(revision(key, 1, hash, "2.0", n)), v++));
            state.pods(key, pods(key, hash, n));
        }
        state.put(workload(COREDNS, Health.HEALTHY, 2, List.of(revision(COREDNS, 1, "dns1", "1.11", 2)), v));
        state.pods(COREDNS, pods(COREDNS, "dns1", 2));
        return state;
    }

    static String checkoutHash() {
        return "h" + "checkout".length() + "aa11";
    }
}
