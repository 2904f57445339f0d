package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod predicates the controllers share (podutil.IsPodReady, IsPodAvailable, controller.IsPodActive) and the order in
 * which a ReplicaSet picks pods to delete (controller.ActivePodsWithRanks, with LogarithmicScaleDown and
 * PodDeletionCost on as in Kubernetes 1.32). Stateless; any thread.
 */
final class Pods {

    private Pods() {
    }

    static boolean isActive(JsonNode pod) {
        String phase = pod.path("status").path("phase").asString();
        return !phase.equals("Succeeded") && !phase.equals("Failed") && !isTerminating(pod);
    }

    static boolean isTerminating(JsonNode pod) {
        JsonNode ts = pod.path("metadata").get("deletionTimestamp");
        return ts != null && !ts.isNull();
    }

    static boolean isReady(JsonNode pod) {
        JsonNode c = readyCondition(pod);
        return c != null && c.path("status").asString().equals("True");
    }

    /** When the Ready condition last changed, or null. */
    static Instant readySince(JsonNode pod) {
        JsonNode c = readyCondition(pod);
        return c == null ? null : time(c.path("lastTransitionTime").asString());
    }

    /** Ready for at least minReadySeconds, as podutil.IsPodAvailable. */
    static boolean isAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        Instant since = readySince(pod);
        return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
    }

    private static JsonNode readyCondition(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asString().equals("Ready")) {
                return c;
            }
        }
        return null;
    }

    static Instant time(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The pods a ReplicaSet deletes first come first: unscheduled, pending, not ready, cheaper to delete, doubled up on
     * a node with related pods, ready for less time, restarted more, newer.
     */
    static Comparator<Stored> deletionOrder(List<Stored> related, Instant now) {
        Map<String, Integer> onNode = new HashMap<>();
        for (Stored p : related) {
            if (isActive(p.object())) {
                onNode.merge(p.object().path("spec").path("nodeName").asString(), 1, Integer::sum);
            }
        }
        return (a, b) -> compare(a.object(), b.object(), onNode, now);
    }

    private static int compare(JsonNode i, JsonNode j, Map<String, Integer> onNode, Instant now) {
        String ni = i.path("spec").path("nodeName").asString();
        String nj = j.path("spec").path("nodeName").asString();
        if (!ni.equals(nj) && (ni.isEmpty() || nj.isEmpty())) {
            return ni.isEmpty() ? -1 : 1;
        }
        int pi = phaseOrdinal(i);
        int pj = phaseOrdinal(j);
        if (pi != pj) {
            return Integer.compare(pi, pj);
        }
        boolean ri = isReady(i);
        boolean rj = isReady(j);
        if (ri != rj) {
            return ri ? 1 : -1;
        }
        long ci = deletionCost(i);
        long cj = deletionCost(j);
        if (ci != cj) {
            return Long.compare(ci, cj);
        }
        int ki = onNode.getOrDefault(ni, 0);
        int kj = onNode.getOrDefault(nj, 0);
        if (ki != kj) {
            return Integer.compare(kj, ki);
        }
        if (ri) {
            int byReady = newerFirst(readySince(i), readySince(j), i, j, now);
            if (byReady != 0) {
                return byReady;
            }
        }
        int restarts = Integer.compare(maxRestarts(j), maxRestarts(i));
        if (restarts != 0) {
            return restarts;
        }
        return newerFirst(time(i.path("metadata").path("creationTimestamp").asString()),
                time(j.path("metadata").path("creationTimestamp").asString()), i, j, now);
    }

    /** Empty times first, then newer before older on a logarithmic scale of age; ties broken by uid. */
    private static int newerFirst(Instant ti, Instant tj, JsonNode i, JsonNode j, Instant now) {
        if (ti == null || tj == null) {
            if (ti == null && tj == null) {
                return 0;
            }
            return ti == null ? -1 : 1;
        }
        if (ti.equals(tj)) {
            return 0;
        }
        int diff = logRank(ti, now) - logRank(tj, now);
        if (diff == 0) {
            return i.path("metadata").path("uid").asString().compareTo(j.path("metadata").path("uid").asString());
        }
        return Integer.compare(diff, 0);
    }

    private static int logRank(Instant t, Instant now) {
        long d = Duration.between(t, now).toNanos();
        return d > 0 ? 63 - Long.numberOfLeadingZeros(d) : -1;
    }

    private static int phaseOrdinal(JsonNode pod) {
        return switch (pod.path("status").path("phase").asString()) {
            case "Unknown" -> 1;
            case "Running" -> 2;
            default -> 0;
        };
    }

    private static long deletionCost(JsonNode pod) {
        String v = pod.path("metadata").path("annotations").path("controller.kubernetes.io/pod-deletion-cost")
                .asString();
        try {
            return v.isEmpty() ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int maxRestarts(JsonNode pod) {
        int max = 0;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            max = Math.max(max, c.path("restartCount").asInt(0));
        }
        return max;
    }
}
