package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A port of pkg/controller/deployment/util/deployment_util.go: revisions and their annotations, maxSurge and
 * maxUnavailable arithmetic, proportions for scaling mid-rollout, and the tests for a complete, progressing or timed
 * out rollout. Stateless; called on the Deployment controller's thread.
 */
final class DeploymentUtil {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    static final String HASH_LABEL = "pod-template-hash";

    static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
    static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
    static final String NEW_REPLICA_SET = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";
    static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
    static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

    static final String PROGRESSING = "Progressing";
    static final String AVAILABLE = "Available";
    static final String REPLICA_FAILURE = "ReplicaFailure";

    private static final Set<String> ANNOTATIONS_TO_SKIP = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY, DESIRED_REPLICAS,
            MAX_REPLICAS, "deprecated.deployment.rollback.to");
    private static final int INT32_MAX = Integer.MAX_VALUE;

    private DeploymentUtil() {
    }

    static long maxRevision(List<RsView> rss) {
        long max = 0;
        for (RsView rs : rss) {
            Long v = rs.revision();
            if (v != null && v > max) {
                max = v;
            }
        }
        return max;
    }

    /**
     * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision when it is lower (keeping
     * the old one in revision-history when the set is re-adopted by a rollback), and on creation sets the replica
     * annotations. Returns whether anything changed.
     */
    static boolean setNewReplicaSetAnnotations(DeploymentView d, ObjectNode rs, String newRevision, boolean exists,
                                               int revHistoryLimitInChars) {
        ObjectNode ann = Json.child(Json.metadata(rs), "annotations");
        boolean changed = copyDeploymentAnnotations(d, ann);
        String oldRevision = ann.has(REVISION) ? ann.get(REVISION).asString() : null;
        long oldRevisionInt;
        try {
            oldRevisionInt = oldRevision == null ? 0 : Long.parseLong(oldRevision);
        } catch (NumberFormatException e) {
            if (!oldRevision.isEmpty()) {
                return false;
            }
            oldRevisionInt = 0;
        }
        long newRevisionInt = Long.parseLong(newRevision);
        if (oldRevisionInt < newRevisionInt) {
            ann.put(REVISION, newRevision);
            changed = true;
        }
        if (oldRevision != null && oldRevisionInt < newRevisionInt) {
            String history = ann.path(REVISION_HISTORY).asString("");
            List<String> old = new ArrayList<>(Arrays.asList(history.split(",", -1)));
            if (old.get(0).isEmpty()) {
                ann.put(REVISION_HISTORY, oldRevision);
            } else {
                int totalLen = history.length() + oldRevision.length() + 1;
                int start = 0;
                while (totalLen > revHistoryLimitInChars && start < old.size()) {
                    totalLen = totalLen - old.get(start).length() - 1;
                    start++;
                }
                if (totalLen <= revHistoryLimitInChars) {
                    List<String> kept = new ArrayList<>(old.subList(start, old.size()));
                    kept.add(oldRevision);
                    ann.put(REVISION_HISTORY, String.join(",", kept));
                }
            }
        }
        if (!exists && setReplicasAnnotations(rs, d.replicas, d.replicas + maxSurge(d))) {
            changed = true;
        }
        return changed;
    }

    private static boolean copyDeploymentAnnotations(DeploymentView d, ObjectNode rsAnnotations) {
        boolean changed = false;
        for (Map.Entry<String, JsonNode> e : d.annotations().properties()) {
            String k = e.getKey();
            String v = e.getValue().asString();
            JsonNode have = rsAnnotations.get(k);
            if (ANNOTATIONS_TO_SKIP.contains(k) || (have != null && have.asString().equals(v))) {
                continue;
            }
            rsAnnotations.put(k, v);
            changed = true;
        }
        return changed;
    }

    /** SetDeploymentRevision. */
    static boolean setDeploymentRevision(DeploymentView d, String revision) {
        if (revision == null || revision.equals(d.annotations().path(REVISION).asString(null))) {
            return false;
        }
        d.mutableAnnotations().put(REVISION, revision);
        return true;
    }

    static boolean setReplicasAnnotations(ObjectNode rs, int desired, int max) {
        ObjectNode ann = Json.child(Json.metadata(rs), "annotations");
        boolean updated = false;
        if (!Integer.toString(desired).equals(ann.path(DESIRED_REPLICAS).asString(null))) {
            ann.put(DESIRED_REPLICAS, Integer.toString(desired));
            updated = true;
        }
        if (!Integer.toString(max).equals(ann.path(MAX_REPLICAS).asString(null))) {
            ann.put(MAX_REPLICAS, Integer.toString(max));
            updated = true;
        }
        return updated;
    }

    static boolean replicasAnnotationsNeedUpdate(RsView rs, int desired, int max) {
        return !Integer.toString(desired).equals(rs.annotation(DESIRED_REPLICAS))
                || !Integer.toString(max).equals(rs.annotation(MAX_REPLICAS));
    }

    /** A non-negative int32 annotation, or null. */
    static Integer intAnnotation(RsView rs, String key) {
        String v = rs.annotation(key);
        if (v == null) {
            return null;
        }
        try {
            int i = Integer.parseInt(v);
            return i < 0 ? null : i;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isRollingUpdate(DeploymentView d) {
        return d.strategyType.equals("RollingUpdate");
    }

    static int maxUnavailable(DeploymentView d) {
        if (!isRollingUpdate(d) || d.replicas == 0) {
            return 0;
        }
        int unavailable = resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas)[1];
        return Math.min(unavailable, d.replicas);
    }

    static int maxSurge(DeploymentView d) {
        if (!isRollingUpdate(d)) {
            return 0;
        }
        return resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas)[0];
    }

    /** ResolveFenceposts: surge rounds up, unavailable rounds down; both zero makes unavailable 1. */
    static int[] resolveFenceposts(JsonNode maxSurge, JsonNode maxUnavailable, int desired) {
        int surge = scaledValue(maxSurge, desired, true);
        int unavailable = scaledValue(maxUnavailable, desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[]{surge, unavailable};
    }

    /** intstr.GetScaledValueFromIntOrPercent; absent is 0. */
    static int scaledValue(JsonNode v, int total, boolean roundUp) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isString()) {
            return v.asInt();
        }
        String s = v.asString();
        if (!s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a "
                    + "percentage");
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        double value = (double) percent * total / 100;
        return (int) (roundUp ? Math.ceil(value) : Math.floor(value));
    }

    static int replicaCount(List<RsView> rss) {
        return rss.stream().mapToInt(RsView::replicas).sum();
    }

    static int actualReplicaCount(List<RsView> rss) {
        return rss.stream().mapToInt(RsView::statusReplicas).sum();
    }

    static int readyReplicaCount(List<RsView> rss) {
        return rss.stream().mapToInt(RsView::readyReplicas).sum();
    }

    static int availableReplicaCount(List<RsView> rss) {
        return rss.stream().mapToInt(RsView::availableReplicas).sum();
    }

    static List<RsView> filterActive(List<RsView> rss) {
        return new ArrayList<>(rss.stream().filter(rs -> rs.replicas() > 0).toList());
    }

    /** The oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label. */
    static RsView findNewReplicaSet(DeploymentView d, List<RsView> rsList) {
        List<RsView> sorted = new ArrayList<>(rsList);
        sorted.sort(RsView.BY_CREATION);
        for (RsView rs : sorted) {
            if (equalIgnoreHash(rs.template(), d.template)) {
                return rs;
            }
        }
        return null;
    }

    /** All ReplicaSets but the new one. */
    static List<RsView> findOldReplicaSets(DeploymentView d, List<RsView> rsList) {
        RsView newRS = findNewReplicaSet(d, rsList);
        List<RsView> all = new ArrayList<>();
        for (RsView rs : rsList) {
            if (newRS == null || !rs.uid().equals(newRS.uid())) {
                all.add(rs);
            }
        }
        return all;
    }

    /**
     * EqualIgnoreHash: templates semantically equal once the pod-template-hash label is taken out of both. Semantic as
     * Go compares decoded structs: a null or empty object or list is the same as an absent one (kubectl's rollout undo
     * sends "creationTimestamp": null and "resources": {}).
     */
    static boolean equalIgnoreHash(JsonNode t1, JsonNode t2) {
        return semanticEquals(withoutHash(t1), withoutHash(t2));
    }

    private static JsonNode withoutHash(JsonNode template) {
        JsonNode labels = template.path("metadata").path("labels");
        if (!labels.has(HASH_LABEL)) {
            return template;
        }
        ObjectNode copy = (ObjectNode) template.deepCopy();
        ((ObjectNode) copy.get("metadata").get("labels")).remove(HASH_LABEL);
        return copy;
    }

    static boolean semanticEquals(JsonNode a, JsonNode b) {
        if (isEmpty(a) || isEmpty(b)) {
            return isEmpty(a) && isEmpty(b);
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new HashSet<>();
            a.properties().forEach(e -> keys.add(e.getKey()));
            b.properties().forEach(e -> keys.add(e.getKey()));
            for (String k : keys) {
                if (!semanticEquals(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!semanticEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Absent, null, or an empty object or list: Go's zero value of a map, slice or struct. */
    static boolean isEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || ((n.isObject() || n.isArray()) && n.isEmpty());
    }

    /** FindActiveOrLatest: the one active set, or the newest when none is active, or null when several are. */
    static RsView findActiveOrLatest(RsView newRS, List<RsView> oldRSs) {
        if (newRS == null && oldRSs.isEmpty()) {
            return null;
        }
        oldRSs.sort(RsView.BY_CREATION.reversed());
        List<RsView> all = new ArrayList<>(oldRSs);
        if (newRS != null) {
            all.add(newRS);
        }
        List<RsView> active = filterActive(all);
        return switch (active.size()) {
            case 0 -> newRS != null ? newRS : oldRSs.get(0);
            case 1 -> active.get(0);
            default -> null;
        };
    }

    /** NewRSNewReplicas: how far the new set may grow within maxSurge. */
    static int newRSNewReplicas(DeploymentView d, List<RsView> allRSs, int newRSReplicas) {
        if (isRollingUpdate(d)) {
            int surge = scaledValue(d.maxSurge, d.replicas, true);
            int current = replicaCount(allRSs);
            int maxTotal = d.replicas + surge;
            if (current >= maxTotal) {
                return newRSReplicas;
            }
            int scaleUp = Math.min(maxTotal - current, d.replicas - newRSReplicas);
            return newRSReplicas + scaleUp;
        }
        return d.replicas;
    }

    /** IsSaturated: the new set owns all desired replicas and all are available. */
    static boolean isSaturated(DeploymentView d, RsView rs) {
        if (rs == null) {
            return false;
        }
        Integer desired;
        try {
            String v = rs.annotation(DESIRED_REPLICAS);
            desired = v == null ? null : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            desired = null;
        }
        return desired != null && rs.replicas() == d.replicas && desired == d.replicas
                && rs.availableReplicas() == d.replicas;
    }

    /** GetProportion: this set's share of a scaling, bounded by what is left to add or remove. */
    static int proportion(RsView rs, DeploymentView d, int toAdd, int added) {
        if (rs == null || rs.replicas() == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    private static int fraction(RsView rs, DeploymentView d) {
        if (d.replicas == 0) {
            return -rs.replicas();
        }
        int deploymentMax = d.replicas + maxSurge(d);
        Integer before = intAnnotation(rs, MAX_REPLICAS);
        if (before == null || before == 0) {
            before = d.status.replicas;
            if (before == 0) {
                return 0;
            }
        }
        double size = (double) rs.replicas() * deploymentMax / before;
        return (int) Math.round(size) - rs.replicas();
    }

    static boolean hasProgressDeadline(DeploymentView d) {
        return d.progressDeadlineSeconds != null && d.progressDeadlineSeconds != INT32_MAX;
    }

    static boolean hasRevisionHistoryLimit(DeploymentView d) {
        return d.revisionHistoryLimit != null && d.revisionHistoryLimit != INT32_MAX;
    }

    /** DeploymentComplete: all desired replicas updated and available, no old ones, generation observed. */
    static boolean deploymentComplete(DeploymentView d, DeploymentStatus s) {
        return s.updatedReplicas == d.replicas && s.replicas == d.replicas && s.availableReplicas == d.replicas
                && s.observedGeneration >= d.generation;
    }

    /** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than before. */
    static boolean deploymentProgressing(DeploymentView d, DeploymentStatus s) {
        DeploymentStatus old = d.status;
        int oldOld = old.replicas - old.updatedReplicas;
        int newOld = s.replicas - s.updatedReplicas;
        return s.updatedReplicas > old.updatedReplicas || newOld < oldOld || s.readyReplicas > old.readyReplicas
                || s.availableReplicas > old.availableReplicas;
    }

    /** DeploymentTimedOut: no progress reported for longer than progressDeadlineSeconds. */
    static boolean deploymentTimedOut(DeploymentView d, DeploymentStatus s, Instant now) {
        if (!hasProgressDeadline(d)) {
            return false;
        }
        DeploymentStatus.Condition c = s.get(PROGRESSING);
        if (c == null || c.reason.equals(NEW_RS_AVAILABLE)) {
            return false;
        }
        if (c.reason.equals(TIMED_OUT)) {
            return true;
        }
        Instant from = Pods.time(c.lastUpdateTime);
        return from != null && from.plusSeconds(d.progressDeadlineSeconds).isBefore(now);
    }
}
