package io.flightdeck.app;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.ReleaseSummary;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.LockedException;
import io.flightdeck.release.Preflight;
import io.flightdeck.release.PreflightException;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.Rollbacks;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The release subcommands, on the same engine as the GUI: {@code release}, {@code promote}, {@code abort},
 * {@code status} and {@code rollback}. Each connects to a kubeconfig context (or an in-process sandbox for
 * {@code --context sandbox}), runs on the main thread while the engine drives on the application's scheduler, and
 * returns 0 on success, 1 with a message on failure; a bad command line is a {@link UsageException} (exit 2).
 */
public final class ReleaseCommand {

    static final String COMMON = "[--context C] [--namespace N]";
    private static final Set<String> CONNECTION = Set.of("--context", "--namespace", "--sandbox-speed", "--timeout");

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, Config> kubeconfig;
    private final EngineSettings settings;

    public ReleaseCommand(PrintStream out, PrintStream err, Function<String, Config> kubeconfig,
                          EngineSettings settings) {
        this.out = out;
        this.err = err;
        this.kubeconfig = kubeconfig;
        this.settings = settings;
    }

    /** Registers the subcommands, printing to the given streams. */
    public static Commands register(Commands commands, ReleaseCommand c) {
        return commands
                .register("release", "release --deployment D --image I --strategy rolling|bluegreen|canary " + COMMON
                                + " [--steps 10,25,50,100] [--pause 30s] [--auto] [--analysis success-rate,restarts|F.yaml"
                                + " --prometheus URL --interval 5s] ...",
                        "start a release and follow it to its first pause (with --auto: to the end, aborting on"
                                + " failure); --context sandbox runs it on an in-process sandbox",
                        c::release)
                .register("promote", "promote --deployment D " + COMMON + " [--full] [--auto] [--takeover]"
                                + " [--analysis A --prometheus URL ...]",
                        "promote the paused release in flight on D and follow it", c::promote)
                .register("abort", "abort --deployment D " + COMMON + " [--takeover]",
                        "abort the release in flight on D and wait until everything is as before", c::abort)
                .register("status", "status " + COMMON + " [--deployment D]",
                        "list the releases in flight and who drives them", c::status)
                .register("rollback", "rollback --deployment D --to-revision R " + COMMON,
                        "roll D back to a kept revision, as kubectl rollout undo does", c::rollback);
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private ReleaseSession open(ReleaseOptions o) throws UsageException {
        double speed = 1;
        if (o.get("--sandbox-speed") != null) {
            try {
                speed = Double.parseDouble(o.get("--sandbox-speed"));
            } catch (NumberFormatException e) {
                throw new UsageException("--sandbox-speed takes a number");
            }
        }
        return ReleaseSession.open(o.get("--context"), kubeconfig, speed, settings);
    }

    private static String namespace(ReleaseOptions o, ReleaseSession s) {
        return o.get("--namespace") != null ? o.get("--namespace") : s.defaultNamespace();
    }

    /** {@code release}: builds the plan from the options and starts it. */
    public int release(String[] args) throws UsageException {
        Set<String> valued = with(CONNECTION, "--deployment", "--image", "--strategy", "--steps", "--pause",
                "--container", "--max-surge", "--max-unavailable", "--active-service", "--preview-service",
                "--scale-down-delay");
        valued.addAll(ReleaseGates.OPTIONS);
        ReleaseOptions o = ReleaseOptions.parse(args, valued, Set.of("--auto"));
        String deployment = o.require("--deployment");
        String image = o.require("--image");
        String strategy = o.require("--strategy");
        Duration pause = o.duration("--pause", null);
        ReleaseStrategy kind = strategy(o, strategy);
        Optional<ReleaseGates.Options> gated = ReleaseGates.parse(o);
        List<ReleaseStep> steps = gated.isPresent()
                ? GatedSteps.of(strategy, o.get("--steps"), pause, gated.get().analysis())
                : steps(strategy, o.weights("--steps"), pause, o.flag("--auto"));
        Duration timeout = o.duration("--timeout", Duration.ofMinutes(30));
        try (ReleaseSession s = open(o)) {
            WorkloadKey target = new WorkloadKey(namespace(o, s), deployment);
            try (ReleaseGates gates = gated.isPresent()
                    ? ReleaseGates.open(gated.get(), s, target, Clock.systemUTC()) : null) {
                if (gates != null) {
                    s.useAnalysis(gates.hook());
                    out.println(gates.banner(gated.get()));
                }
                ReleasePlan plan = new ReleasePlan(target, change(s, target, image, o.get("--container")), kind,
                        steps);
                Preflight.Report report = s.engine().preflight(plan);
                report.warnings().forEach(w -> err.println("warning: " + w));
                ReleaseHandle h = s.engine().start(plan);
                out.println("release " + h.id() + " started: " + target + " " + plan.strategy().kind() + " to "
                        + plan.change() + (s.sandbox() ? " (in-process sandbox)" : ""));
                return new ReleaseFollower(out, err, gates != null).follow(h, o.flag("--auto"), timeout, false);
            }
        } catch (PreflightException | LockedException | IllegalArgumentException | IllegalStateException
                 | KubernetesClientException e) {
            return failed("release", e);
        }
    }

    private ReleaseChange change(ReleaseSession s, WorkloadKey target, String image, String container) {
        int eq = image.indexOf('=');
        if (eq > 0 && !image.substring(0, eq).contains("/")) {
            return ReleaseChange.image(image.substring(0, eq), image.substring(eq + 1));
        }
        if (container == null) {
            Deployment d = s.client().apps().deployments().inNamespace(target.namespace()).withName(target.name())
                    .get();
            if (d == null) {
                throw new IllegalArgumentException("Deployment " + target + " does not exist");
            }
            container = d.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
        }
        return ReleaseChange.image(container, image);
    }

    private static ReleaseStrategy strategy(ReleaseOptions o, String name) throws UsageException {
        return switch (name) {
            case "rolling" -> ReleaseStrategy.rolling(o.get("--max-surge"), o.get("--max-unavailable"));
            case "canary" -> ReleaseStrategy.canary(o.get("--active-service"));
            case "bluegreen", "blue-green" -> ReleaseStrategy.blueGreen(o.get("--active-service"),
                    o.get("--preview-service"), o.duration("--scale-down-delay",
                            ReleaseStrategy.DEFAULT_SCALE_DOWN_DELAY));
            default -> throw new UsageException("--strategy is rolling, bluegreen or canary, not '" + name + "'");
        };
    }

    /** Canary: weights (default 10,25,50,100) with pauses; rolling: pause points; blue/green: one pause. */
    static List<ReleaseStep> steps(String strategy, List<Integer> weights, Duration pause, boolean auto)
            throws UsageException {
        switch (strategy) {
            case "canary" -> {
                return ReleasePlan.weightedSteps(weights.isEmpty() ? List.of(10, 25, 50, 100) : weights, pause);
            }
            case "rolling" -> {
                return weights.isEmpty() ? List.of() : ReleasePlan.weightedSteps(weights, pause);
            }
            case "bluegreen", "blue-green" -> {
                if (!weights.isEmpty()) {
                    throw new UsageException("--steps has no meaning for bluegreen: it switches all at once");
                }
                List<ReleaseStep> steps = new ArrayList<>();
                if (pause != null) {
                    steps.add(ReleaseStep.pause(pause));
                } else if (!auto) {
                    steps.add(ReleaseStep.pause());
                }
                return steps;
            }
            default -> throw new UsageException("--strategy is rolling, bluegreen or canary, not '" + strategy + "'");
        }
    }

    /** {@code promote}: drives the release in flight on the Deployment and promotes it. */
    public int promote(String[] args) throws UsageException {
        Set<String> valued = with(CONNECTION, "--deployment");
        valued.addAll(ReleaseGates.OPTIONS);
        ReleaseOptions o = ReleaseOptions.parse(args, valued, Set.of("--full", "--auto", "--takeover"));
        String deployment = o.require("--deployment");
        Duration timeout = o.duration("--timeout", Duration.ofMinutes(30));
        Optional<ReleaseGates.Options> gated = ReleaseGates.parse(o);
        try (ReleaseSession s = open(o)) {
            WorkloadKey target = new WorkloadKey(namespace(o, s), deployment);
            ReleaseGates gates = null;
            if (gated.isPresent()) {
                ReleaseGates.checkPlan(s, target, gated.get().analysis());
                gates = ReleaseGates.open(gated.get(), s, target, Clock.systemUTC());
                s.useAnalysis(gates.hook());
                out.println(gates.banner(gated.get()));
            }
            try (ReleaseGates closing = gates) {
                return promote(o, s, target, timeout, closing != null);
            }
        } catch (LockedException | IllegalArgumentException | IllegalStateException | KubernetesClientException e) {
            return failed("promote", e);
        }
    }

    private int promote(ReleaseOptions o, ReleaseSession s, WorkloadKey target, Duration timeout,
                        boolean signalGates) {
        ReleaseHandle h = s.engine().resume(target, o.flag("--takeover"));
        ReleaseFollower follower = new ReleaseFollower(out, err, signalGates);
        String refused = follower.promote(h, o.flag("--full"));
        if (refused != null) {
            err.println("flightdeck promote: " + refused);
            h.close();
            return 1;
        }
        out.println("release " + h.id() + " promoted" + (o.flag("--full") ? " in full" : ""));
        return follower.follow(h, o.flag("--auto"), timeout, false);
    }

    /** {@code abort}: drives the release in flight on the Deployment back to where it was. */
    public int abort(String[] args) throws UsageException {
        ReleaseOptions o = ReleaseOptions.parse(args, with(CONNECTION, "--deployment"), Set.of("--takeover"));
        String deployment = o.require("--deployment");
        try (ReleaseSession s = open(o)) {
            ReleaseHandle h = s.engine().resume(new WorkloadKey(namespace(o, s), deployment), o.flag("--takeover"));
            h.abort();
            out.println("release " + h.id() + " aborting");
            return new ReleaseFollower(out, err).follow(h, true, o.duration("--timeout", Duration.ofMinutes(30)),
                    true);
        } catch (LockedException | IllegalArgumentException | IllegalStateException | KubernetesClientException e) {
            return failed("abort", e);
        }
    }

    /** {@code status}: the releases in flight in the namespace, with their step and driver. */
    public int status(String[] args) throws UsageException {
        ReleaseOptions o = ReleaseOptions.parse(args, with(CONNECTION, "--deployment"), Set.of());
        try (ReleaseSession s = open(o)) {
            String ns = namespace(o, s);
            List<ReleaseSummary> all = s.engine().inFlight(ns).stream()
                    .filter(r -> o.get("--deployment") == null || r.target().name().equals(o.get("--deployment")))
                    .toList();
            if (all.isEmpty()) {
                out.println("no release in flight in " + ns
                        + (o.get("--deployment") == null ? "" : " on " + o.get("--deployment")));
                return 0;
            }
            out.printf("%-22s %-28s %-10s %-11s %-32s %s%n", "RELEASE", "TARGET", "STRATEGY", "PHASE", "STEP",
                    "DRIVER");
            for (ReleaseSummary r : all) {
                String driver = r.holder().isEmpty() ? "-" : r.holder() + (r.holderExpired() ? " (expired)" : "");
                out.printf("%-22s %-28s %-10s %-11s %-32s %s%n", r.id(), r.target(), r.strategy(),
                        r.phase() + (r.aborting() ? "*" : ""), r.stepIndex() + ": " + r.step(), driver);
            }
            return 0;
        } catch (KubernetesClientException e) {
            return failed("status", e);
        }
    }

    /** {@code rollback}: the kubectl undo algorithm to a kept revision. */
    public int rollback(String[] args) throws UsageException {
        ReleaseOptions o = ReleaseOptions.parse(args, with(CONNECTION, "--deployment", "--to-revision"), Set.of());
        String deployment = o.require("--deployment");
        long revision = o.number("--to-revision");
        try (ReleaseSession s = open(o)) {
            WorkloadKey target = new WorkloadKey(namespace(o, s), deployment);
            Rollbacks.Result r = s.engine().rollback(target, revision);
            out.println(r == Rollbacks.Result.ROLLED_BACK ? "deployment.apps/" + deployment + " rolled back"
                    : "deployment.apps/" + deployment + " skipped rollback (current template already matches"
                    + " revision " + revision + ")");
            return 0;
        } catch (PreflightException | IllegalArgumentException | IllegalStateException
                 | KubernetesClientException e) {
            return failed("rollback", e);
        }
    }

    private int failed(String command, RuntimeException e) {
        String m = e instanceof KubernetesClientException k && k.getStatus() != null
                && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : e.getMessage();
        err.println("flightdeck " + command + ": " + m);
        return 1;
    }
}
