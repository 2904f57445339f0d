package io.flightdeck.sandbox.sim;

import tools.jackson.databind.JsonNode;

/**
 * The simulated runtime state of one container of a pod: where it is in its life (waiting for its image, running,
 * backing off after a crash, exited), its restarts and terminations, and its probe runs. Plain mutable data, confined
 * to the kubelet thread; {@link PodLifecycle} moves it on.
 */
final class ContainerSim {

    static final long NEVER = Long.MAX_VALUE;

    enum State { WAITING, PULLING, STARTING, RUNNING, BACKOFF, EXITED }

    /** One termination of the container, shown as {@code state.terminated} or {@code lastState.terminated}. */
    record Terminated(String reason, int exitCode, long startedAt, long finishedAt, String containerId) {
    }

    /** Consecutive results and next due time of one probe. */
    static final class ProbeRun {
        long nextAt = NEVER;
        int successes;
        int failures;

        void stop() {
            nextAt = NEVER;
            successes = 0;
            failures = 0;
        }
    }

    final String name;
    String image;
    String pullPolicy;
    ImageBehaviour behaviour;
    ProbeSpec startup;
    ProbeSpec readiness;
    ProbeSpec liveness;

    State state = State.WAITING;
    long dueAt = NEVER;
    long pullStartedAt;
    long pullMillis;
    long imageSize;
    int restartCount;
    boolean restarting;
    String containerId = "";
    String imageId = "";
    long startedAt;
    boolean started;
    boolean ready;
    Terminated latest;
    Terminated previous;
    boolean showTerminated;
    long backoffMillis;
    long backoffUpdatedAt;
    String waitingMessage = "";
    long selfExitAt = NEVER;
    final ProbeRun startupRun = new ProbeRun();
    final ProbeRun readinessRun = new ProbeRun();
    final ProbeRun livenessRun = new ProbeRun();

    ContainerSim(JsonNode spec) {
        this.name = spec.path("name").asString();
        define(spec);
    }

    /** Takes the parts of the container spec the simulation uses (image, pull policy, probes). */
    void define(JsonNode spec) {
        this.image = spec.path("image").asString("");
        this.pullPolicy = spec.path("imagePullPolicy").asString("");
        this.behaviour = ImageBehaviour.of(image);
        this.startup = ProbeSpec.parse(ProbeSpec.Kind.STARTUP, spec);
        this.readiness = ProbeSpec.parse(ProbeSpec.Kind.READINESS, spec);
        this.liveness = ProbeSpec.parse(ProbeSpec.Kind.LIVENESS, spec);
    }

    boolean running() {
        return state == State.RUNNING;
    }

    /** The earliest time something is due for this container, NEVER when nothing is. */
    long nextDue() {
        return switch (state) {
            case WAITING, PULLING, STARTING, BACKOFF -> dueAt;
            case RUNNING -> Math.min(selfExitAt,
                    Math.min(startupRun.nextAt, Math.min(readinessRun.nextAt, livenessRun.nextAt)));
            case EXITED -> NEVER;
        };
    }

    void stopProbes() {
        startupRun.stop();
        readinessRun.stop();
        livenessRun.stop();
        selfExitAt = NEVER;
    }
}
