package io.flightdeck.model;

import java.time.Instant;
import java.util.List;

/**
 * One pod as the live views show it: identity, the revision it belongs to (pod-template-hash), phase and the
 * kubectl-style status text ("Running", "CrashLoopBackOff", "Terminating", ...), readiness, restarts, node and IP,
 * its probes, and the last termination reason (e.g. "Error", "OOMKilled") or null. Immutable.
 */
public record PodSnapshot(String namespace, String name, String uid, String podTemplateHash, String phase,
                          String status, boolean ready, int restarts, String node, String podIp, Instant created,
                          boolean terminating, List<ProbeState> probes, String lastTerminationReason,
                          String image, String resourceVersion) {
}
