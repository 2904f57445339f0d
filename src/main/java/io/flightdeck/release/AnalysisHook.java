package io.flightdeck.release;

import io.flightdeck.model.StrategyKind;
import io.flightdeck.model.WorkloadKey;

import java.time.Instant;
import java.util.Map;

/**
 * The analysis step's judge. The signals work (issue 5) implements it with Prometheus queries and log error rates;
 * until then {@link #MANUAL} waits for an operator's approval (a promotion). Called on the engine's thread on every
 * tick of an analysis step, so it must answer quickly (start slow work elsewhere and report RUNNING).
 */
@FunctionalInterface
public interface AnalysisHook {

    /**
     * The analysis to judge: its name in the plan, the release, the target, when the step started, approval, the
     * release's strategy (null when not known) and the pod-template-hash of the new version's ReplicaSet ("" while it
     * does not exist yet or is not known).
     */
    record Request(String releaseId, String analysis, WorkloadKey target, Instant startedAt, boolean approved,
                   StrategyKind strategy, String podTemplateHash) {
        public Request {
            podTemplateHash = podTemplateHash == null ? "" : podTemplateHash;
        }

        /** A request without strategy or hash (a hook that tells versions apart by Deployment and track). */
        public Request(String releaseId, String analysis, WorkloadKey target, Instant startedAt, boolean approved) {
            this(releaseId, analysis, target, startedAt, approved, null, "");
        }
    }

    /** The verdict with the measured values behind it (they go into the journal). */
    record Verdict(Outcome outcome, String message, Map<String, String> measurements) {
        public Verdict {
            measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
        }
    }

    enum Outcome {
        /** The new version is good: go on. */
        PASSED,
        /** The new version is bad: abort. */
        FAILED,
        /** Still measuring: ask again. */
        RUNNING,
        /** No clear answer: pause for an operator. */
        INCONCLUSIVE
    }

    Verdict judge(Request request);

    /** A manual approval: passed once promoted, inconclusive (the release pauses) until then. */
    AnalysisHook MANUAL = r -> r.approved()
            ? new Verdict(Outcome.PASSED, "approved by an operator", Map.of("approval", "manual"))
            : new Verdict(Outcome.INCONCLUSIVE, "waiting for manual approval of analysis '" + r.analysis() + "'",
            Map.of());
}
