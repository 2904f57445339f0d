package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A rollback outside a release ({@link Rollbacks}, e.g. from the timeline or {@code flightdeck rollback}) with a
 * record in the journal, so every timeline shows it: a finished journal {@code rollback-<time>-<n>} of the target (no
 * steps; SUCCEEDED when rolled back or nothing to do, ABORTED when the rollback failed) with one {@code rollback}
 * event: who, when, from revision, to revision, the images of the revision, the outcome ({@code ok}, {@code skipped},
 * {@code failed} with the error). A rollback that cannot find its revision changes nothing and is not recorded.
 * Caller's thread (blocking).
 */
final class JournaledRollback {

    static final String ID_PREFIX = ReleaseEngine.ROLLBACK_PREFIX;
    private static final Logger LOG = LoggerFactory.getLogger(JournaledRollback.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private JournaledRollback() {
    }

    static Rollbacks.Result run(KubernetesClient client, WorkloadKey target, long revision, Actor actor,
                                Clock clock) {
        Kube kube = new Kube(client, target.namespace());
        Deployment before = kube.requireDeployment(target.name());
        ReplicaSet to = Rollbacks.revisionOf(kube, before, revision);
        Instant started = clock.instant();
        try {
            Rollbacks.Result r = Rollbacks.rollback(client, target, revision);
            write(client, kube, target, actor, started, clock.instant(), before, to,
                    r == Rollbacks.Result.ROLLED_BACK ? "ok" : "skipped", "");
            return r;
        } catch (RuntimeException e) {
            String error = e instanceof KubernetesClientException k ? ReleaseMachine.describe(k) : e.getMessage();
            write(client, kube, target, actor, started, clock.instant(), before, to, "failed", error);
            throw e;
        }
    }

    private static void write(KubernetesClient client, Kube kube, WorkloadKey target, Actor actor, Instant started,
                              Instant now, Deployment before, ReplicaSet to, String outcome, String error) {
        try {
            Map<String, String> images = Templates.images(to.getSpec().getTemplate());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("deployment", target.name());
            details.put("fromRevision", Long.toString(Kube.revision(before)));
            details.put("toRevision", Long.toString(Kube.revision(to)));
            details.put("images", images.toString());
            if (!error.isEmpty()) {
                details.put("error", error);
            }
            String id = ID_PREFIX + ID_TIME.format(started) + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
            ReleasePlan plan = new ReleasePlan(target, ReleaseChange.images(images), ReleaseStrategy.rolling(),
                    List.of());
            Baseline baseline = new Baseline(Kube.revision(before), "", before.getSpec().getReplicas() == null ? 1
                    : before.getSpec().getReplicas(), before.getSpec().getPaused(), before.getSpec().getStrategy(),
                    before.getMetadata().getAnnotations() == null ? Map.of() : before.getMetadata().getAnnotations(),
                    before.getSpec().getTemplate(), to.getSpec().getTemplate(), "", null, "", null, "", null);
            ReleasePhase phase = outcome.equals("failed") ? ReleasePhase.ABORTED : ReleasePhase.SUCCEEDED;
            JournalState state = new JournalState(phase, false, 0, started, false, false, false, error, Map.of(), "");
            ReleaseEvent event = new ReleaseEvent(now, actor, "rollback", outcome, details);
            ReleaseJournal.create(client, new JournalRecord(id, started, plan, baseline, state, List.of(event)));
        } catch (KubernetesClientException e) {
            LOG.warn("Rollback of {} not journaled: {}", target, ReleaseMachine.describe(e));
        }
    }
}
