package io.flightdeck.ui.release;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.WorkloadKey;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a Deployment's revisions from its ReplicaSets (owned by it, by {@code deployment.kubernetes.io/revision}) and
 * flattens each pod template's images, env and resources; its releases come from the journals in the cluster through
 * {@code history} ({@code engine::history} in the application). Blocking API calls; background thread.
 * TODO(#4): move the ReplicaSet reading beside cluster/ReplicaSet handling.
 */
public final class ReplicaSetRevisions implements RevisionSource {

    private static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final Function<WorkloadKey, List<ReleaseSnapshot>> history;

    public ReplicaSetRevisions(KubernetesClient client, Function<WorkloadKey, List<ReleaseSnapshot>> history) {
        this.client = Objects.requireNonNull(client);
        this.history = Objects.requireNonNull(history);
    }

    @Override
    public List<RevisionDetail> revisions(WorkloadKey target) {
        Deployment d = client.apps().deployments().inNamespace(target.namespace()).withName(target.name()).get();
        if (d == null) {
            return List.of();
        }
        String uid = d.getMetadata().getUid();
        return client.apps().replicaSets().inNamespace(target.namespace()).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
                .filter(rs -> rs.getMetadata().getAnnotations() != null
                        && rs.getMetadata().getAnnotations().containsKey(REVISION))
                .map(ReplicaSetRevisions::detail)
                .sorted(Comparator.comparingLong(RevisionDetail::number))
                .toList();
    }

    @Override
    public List<ReleaseSnapshot> releases(WorkloadKey target) {
        return history.apply(target);
    }

    static RevisionDetail detail(ReplicaSet rs) {
        long number = Long.parseLong(rs.getMetadata().getAnnotations().get(REVISION));
        String ts = rs.getMetadata().getCreationTimestamp();
        Instant created = ts == null ? Instant.EPOCH : Instant.parse(ts);
        Map<String, String> settings = new LinkedHashMap<>();
        for (Container c : rs.getSpec().getTemplate().getSpec().getContainers()) {
            settings.put("image " + c.getName(), Objects.toString(c.getImage(), ""));
            if (c.getEnv() != null) {
                c.getEnv().forEach(e -> settings.put("env " + c.getName() + " " + e.getName(),
                        e.getValue() != null ? e.getValue() : e.getValueFrom() != null ? "(from a reference)" : ""));
            }
            if (c.getResources() != null) {
                if (c.getResources().getRequests() != null) {
                    c.getResources().getRequests().forEach((k, v) ->
                            settings.put("resources " + c.getName() + " requests." + k, v.toString()));
                }
                if (c.getResources().getLimits() != null) {
                    c.getResources().getLimits().forEach((k, v) ->
                            settings.put("resources " + c.getName() + " limits." + k, v.toString()));
                }
            }
        }
        return new RevisionDetail(number, created, settings);
    }
}
