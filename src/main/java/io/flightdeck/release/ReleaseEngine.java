package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseSummary;
import io.flightdeck.model.WorkloadKey;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The release engine: starts releases after their preflight checks, finds the releases in flight in the cluster's
 * journals, resumes one (taking over an expired lock only when confirmed) or watches it read-only, and rolls a
 * Deployment back to a kept revision. Releases are driven on the given scheduler (named threads from AppExecutors),
 * never on the caller's thread. The public methods block for their few API calls (preflight, lock, journal) and may be
 * called from any thread but the scheduler's own; {@link #startAsync} and {@link #resumeAsync} run them on the
 * scheduler instead.
 */
public final class ReleaseEngine {

    /** The id prefix of the finished journal a rollback outside a release writes (see {@link #rollback}). */
    public static final String ROLLBACK_PREFIX = "rollback-";

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final ScheduledExecutorService executor;
    private final Actor actor;
    private final EngineSettings settings;
    private final String identity;

    public ReleaseEngine(KubernetesClient client, ScheduledExecutorService executor, Actor actor,
                         EngineSettings settings) {
        this.client = client;
        this.executor = executor;
        this.actor = actor;
        this.settings = settings;
        this.identity = actor.kubeUser() + "/" + actor.osUser() + "@" + actor.host() + "/"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    /** This engine's lock identity: kubeconfig user, OS user, host and a per-engine suffix. */
    public String identity() {
        return identity;
    }

    public Actor actor() {
        return actor;
    }

    /**
     * Checks a plan without changing anything: permissions (SelfSubjectAccessReview per verb), the target, other
     * releases in flight on it, and GitOps ownership (warnings).
     *
     * @throws PreflightException naming what is missing or wrong
     */
    public Preflight.Report preflight(ReleasePlan plan) {
        return check(plan).report();
    }

    private record Checked(Preflight.Report report, Baseline baseline) {
    }

    private Checked check(ReleasePlan plan) {
        String ns = plan.target().namespace();
        List<String> missing = new ArrayList<>(Preflight.missing(client, ns, Preflight.permissions(plan)));
        if (!missing.isEmpty()) {
            throw new PreflightException("missing permissions: " + String.join(", ", missing)
                    + "; nothing was changed", missing);
        }
        Kube kube = new Kube(client, ns);
        Deployment d = kube.deployment(plan.target().name());
        if (d == null) {
            throw new PreflightException("Deployment " + plan.target() + " does not exist", List.of());
        }
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            throw new PreflightException("Deployment " + plan.target() + " is paused; resume it first", List.of());
        }
        Optional<ReleaseJournal.Entry> other = inFlightEntry(plan.target());
        if (other.isPresent()) {
            throw new PreflightException("release " + other.get().record().id() + " is in flight on "
                    + plan.target() + "; resume or abort it first", List.of());
        }
        Baseline baseline;
        try {
            baseline = Baseline.capture(kube, plan);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new PreflightException(e.getMessage(), List.of());
        }
        if (baseline.hasRoute()) {
            missing.addAll(Preflight.missing(client, ns, Preflight.routePermissions()));
            if (!missing.isEmpty()) {
                throw new PreflightException("missing permissions for the HTTPRoute " + baseline.route() + ": "
                        + String.join(", ", missing) + "; nothing was changed", missing);
            }
        }
        for (String track : tracks(plan)) {
            if (kube.deployment(track) != null) {
                throw new PreflightException("Deployment " + ns + "/" + track + " already exists; the release"
                        + " needs that name", List.of());
            }
        }
        return new Checked(new Preflight.Report(List.of(), Preflight.gitOpsWarnings(d)), baseline);
    }

    private static List<String> tracks(ReleasePlan plan) {
        return switch (plan.strategy().kind()) {
            case ROLLING -> List.of();
            case CANARY -> List.of(CanaryStrategy.canaryName(plan));
            case BLUE_GREEN -> List.of(BlueGreenStrategy.greenName(plan));
        };
    }

    /**
     * Starts a release: preflight, lock, journal, then the steps on the scheduler.
     *
     * @throws PreflightException when a check fails (nothing was changed)
     * @throws LockedException    when another engine holds the target's lock
     */
    public ReleaseHandle start(ReleasePlan plan) {
        Checked checked = check(plan);
        WorkloadKey target = plan.target();
        ReleaseLock lock = lock(target);
        // No release is in flight on the target (checked above), so an expired Lease is a leftover of an engine that
        // died before writing its journal: it may be taken. A live one means someone is starting a release now.
        lock.acquire(true);
        try {
            Instant now = settings.clock().instant();
            String id = ID_TIME.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current()
                    .nextInt(0x1000, 0xffff));
            List<ReleaseEvent> events = new ArrayList<>();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("target", target.toString());
            details.put("strategy", plan.strategy().kind().name());
            details.put("change", plan.change().toString());
            details.put("revision", Long.toString(checked.baseline().revision()));
            for (int i = 0; i < checked.report().warnings().size(); i++) {
                details.put("warning" + (i + 1), checked.report().warnings().get(i));
            }
            events.add(new ReleaseEvent(now, actor, "start", "ok", details));
            JournalRecord record = new JournalRecord(id, now, plan, checked.baseline(),
                    JournalState.first(now, identity), events);
            ReleaseJournal journal = ReleaseJournal.create(client, record);
            ReleaseDriver driver = new ReleaseDriver(record, new Kube(client, target.namespace()), journal, lock,
                    executor, settings, actor);
            driver.begin();
            return driver;
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** {@link #start} on the engine's scheduler, for callers (such as the FX thread) that must not block. */
    public CompletableFuture<ReleaseHandle> startAsync(ReleasePlan plan) {
        return CompletableFuture.supplyAsync(() -> start(plan), executor);
    }

    /** {@link #resume(String, String, boolean)} on the engine's scheduler. */
    public CompletableFuture<ReleaseHandle> resumeAsync(String namespace, String releaseId, boolean confirmTakeover) {
        return CompletableFuture.supplyAsync(() -> resume(namespace, releaseId, confirmTakeover), executor);
    }

    private ReleaseLock lock(WorkloadKey target) {
        return new ReleaseLock(client, target.namespace(), target.name(), identity, settings.leaseDuration(),
                settings.clock());
    }

    /** The releases in flight in a namespace (null: every namespace), oldest first, with who drives each. */
    public List<ReleaseSummary> inFlight(String namespace) {
        List<ReleaseSummary> out = new ArrayList<>();
        for (ReleaseJournal.Entry e : ReleaseJournal.list(client, namespace, true)) {
            out.add(summary(e));
        }
        return out;
    }

    /** Every release with a journal in the namespace, finished ones included, oldest first. */
    public List<ReleaseSummary> releases(String namespace) {
        return ReleaseJournal.list(client, namespace, false).stream().map(this::summary).toList();
    }

    /**
     * Every release of the target with a journal, finished ones included, oldest first, as read-only snapshots with
     * all their events (the measured values behind each gate among them). Blocking: one list call.
     */
    public List<ReleaseSnapshot> history(WorkloadKey target) {
        List<ReleaseSnapshot> out = new ArrayList<>();
        for (ReleaseJournal.Entry e : ReleaseJournal.list(client, target)) {
            JournalRecord r = e.record();
            out.add(Snapshots.of(r, StrategySteps.of(r.plan()).list(r.state().aborting()), false, "", "",
                    List.of()));
        }
        return out;
    }

    /**
     * The rollbacks made outside a release (see {@link #rollback}) in a namespace (null: every namespace) that started
     * after {@code since}, oldest first. Blocking: one list call, and no Lease reads, since nobody drives a rollback.
     */
    public List<ReleaseSummary> rollbacksSince(String namespace, Instant since) {
        return ReleaseJournal.list(client, namespace, false).stream()
                .filter(e -> e.record().id().startsWith(ROLLBACK_PREFIX) && e.record().started().isAfter(since))
                .map(e -> summary(e, Optional.empty())).toList();
    }

    private ReleaseSummary summary(ReleaseJournal.Entry e) {
        return summary(e, lock(e.record().plan().target()).holder());
    }

    private ReleaseSummary summary(ReleaseJournal.Entry e, Optional<ReleaseLock.Holder> holder) {
        JournalRecord r = e.record();
        List<Step> steps = StrategySteps.of(r.plan()).list(r.state().aborting());
        String step = r.state().step() < steps.size() ? steps.get(r.state().step()).name() : "";
        return new ReleaseSummary(r.id(), r.plan().target(), r.plan().strategy().kind(), r.state().phase(),
                r.state().aborting(), r.state().step(), step, r.started(),
                holder.map(ReleaseLock.Holder::identity).orElse(""),
                holder.map(h -> h.expired(settings.clock().instant())).orElse(false));
    }

    private Optional<ReleaseJournal.Entry> inFlightEntry(WorkloadKey target) {
        return ReleaseJournal.list(client, target.namespace(), true).stream()
                .filter(e -> e.record().plan().target().equals(target)).findFirst();
    }

    private ReleaseJournal.Entry entry(String namespace, String releaseId) {
        return ReleaseJournal.list(client, namespace, false).stream()
                .filter(e -> e.record().id().equals(releaseId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no release " + releaseId + " in " + namespace));
    }

    /** Drives the release in flight on the target (see {@link #resume(String, String, boolean)}). */
    public ReleaseHandle resume(WorkloadKey target, boolean confirmTakeover) {
        ReleaseJournal.Entry e = inFlightEntry(target).orElseThrow(
                () -> new IllegalArgumentException("no release in flight on " + target));
        return resume(target.namespace(), e.record().id(), confirmTakeover);
    }

    /**
     * Drives a release from its journal: it goes on from its current step (run again, as steps are idempotent), or
     * call {@link ReleaseHandle#abort} on the handle to roll it back.
     *
     * @throws LockedException when another engine drives it, or its lock expired and the takeover is not confirmed
     */
    public ReleaseHandle resume(String namespace, String releaseId, boolean confirmTakeover) {
        ReleaseJournal.Entry e = entry(namespace, releaseId);
        JournalRecord r = e.record();
        if (r.state().phase().terminal()) {
            throw new IllegalStateException("release " + releaseId + " has finished: " + r.state().phase());
        }
        ReleaseLock lock = lock(r.plan().target());
        lock.acquire(confirmTakeover);
        try {
            ReleaseJournal journal = ReleaseJournal.open(client, e.namespace(), e.configMap());
            List<ReleaseEvent> events = new ArrayList<>(r.events());
            events.add(new ReleaseEvent(settings.clock().instant(), actor, "resume", "ok",
                    Map.of("driver", identity, "previousDriver", r.state().driver(), "takeover",
                            Boolean.toString(confirmTakeover))));
            JournalRecord resumed = new JournalRecord(r.id(), r.started(), r.plan(), r.baseline(), r.state(), events);
            ReleaseDriver driver = new ReleaseDriver(resumed, new Kube(client, namespace), journal, lock, executor,
                    settings, actor);
            if (!journal.write(driver.record())) {
                throw new LockedException(lock.holder().orElseThrow(), false);
            }
            driver.begin();
            return driver;
        } catch (RuntimeException ex) {
            lock.release();
            throw ex;
        }
    }

    /** A read-only view of a release, refreshed from its journal and lock. */
    public ReleaseHandle observe(String namespace, String releaseId) {
        ReleaseJournal.Entry e = entry(namespace, releaseId);
        return new ReleaseObserver(client, e, lock(e.record().plan().target()), executor, settings);
    }

    /**
     * Rolls the Deployment back to a kept revision with the kubectl algorithm (0: the previous one). Refused while a
     * release is in flight on it. Journaled (who, when, from and to revision, outcome), so {@link #history} has it.
     */
    public Rollbacks.Result rollback(WorkloadKey target, long revision) {
        Optional<ReleaseJournal.Entry> other = inFlightEntry(target);
        if (other.isPresent()) {
            throw new IllegalStateException("release " + other.get().record().id() + " is in flight on " + target
                    + "; abort it instead");
        }
        List<String> missing = Preflight.missing(client, target.namespace(), List.of(
                new Preflight.Permission("get", "deployments", "apps"),
                new Preflight.Permission("patch", "deployments", "apps"),
                new Preflight.Permission("list", "replicasets", "apps")));
        if (!missing.isEmpty()) {
            throw new PreflightException("missing permissions: " + String.join(", ", missing), missing);
        }
        return JournaledRollback.run(client, target, revision, actor, settings.clock());
    }
}
