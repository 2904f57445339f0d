package io.flightdeck.release;

import io.flightdeck.model.ReleasePlan;

import java.time.Instant;
import java.util.Map;

/**
 * A plan's background analysis: judged on every tick while the forward steps are inside the strategy's window (from
 * the first step whose new pods take traffic until the new version serves), also while the release waits at a pause.
 * Measurements go to the journal as they come. Failed (or Error) aborts the release; Inconclusive pauses it for an
 * operator, whose Resume accepts it (the hook is then asked with approval); Passed ends it; leaving the window stops
 * it. Its progress is kept in journal variables, so a resumed release goes on with the same run. Engine thread.
 */
final class BackgroundAnalysis {

    static final String ACTION = "background-analysis";
    static final String STARTED = "backgroundAnalysisStartedAt";
    static final String STATE = "backgroundAnalysis";
    static final String MEASURED = "backgroundAnalysisMeasured";

    /** What the driver must do after a check. */
    sealed interface Outcome {
        record GoOn() implements Outcome {
        }

        record Abort(String why) implements Outcome {
        }

        record Pause(String why) implements Outcome {
        }
    }

    private static final Outcome GO_ON = new Outcome.GoOn();

    private final String analysis;
    private final int from;
    private final int until;

    /** The plan's background analysis over forward steps {@code from} (inclusive) to {@code until} (exclusive). */
    BackgroundAnalysis(ReleasePlan plan, int from, int until) {
        this.analysis = plan.backgroundAnalysis();
        this.from = from;
        this.until = until;
    }

    /** Judges the analysis for the current forward step {@code step}; nothing when aborting or outside the window. */
    Outcome check(StepContext ctx, int step, boolean aborting) {
        String state = ctx.var(STATE);
        if (analysis.isEmpty() || aborting || step < from || "passed".equals(state) || "failed".equals(state)
                || "stopped".equals(state) || "inconclusive".equals(state)) {
            return GO_ON;
        }
        String started = ctx.var(STARTED);
        if (step >= until) {
            if (started != null) {
                ctx.putVar(STATE, "stopped");
                ctx.event(ACTION, "stopped", Map.of("analysis", analysis, "message",
                        "the new version serves; the background analysis ends"));
            }
            return GO_ON;
        }
        if (started == null) {
            started = ctx.now().toString();
            ctx.putVar(STARTED, started);
            ctx.event(ACTION, "started", Map.of("analysis", analysis));
        }
        AnalysisHook.Verdict v = ctx.analysis().judge(new AnalysisHook.Request(ctx.releaseId(), analysis,
                ctx.plan().target(), Instant.parse(started), "approved".equals(state)));
        return switch (v.outcome()) {
            case RUNNING -> {
                AnalysisEvents.recordNew(ctx, ACTION, analysis, started, v, MEASURED);
                yield GO_ON;
            }
            case PASSED -> {
                ctx.putVar(STATE, "passed");
                ctx.event(ACTION, "passed", AnalysisEvents.details(analysis, v));
                yield GO_ON;
            }
            case FAILED -> {
                ctx.putVar(STATE, "failed");
                ctx.event(ACTION, "failed", AnalysisEvents.details(analysis, v));
                yield new Outcome.Abort("background analysis '" + analysis + "' failed: " + v.message());
            }
            case INCONCLUSIVE -> {
                ctx.putVar(STATE, "inconclusive");
                ctx.event(ACTION, "inconclusive", AnalysisEvents.details(analysis, v));
                yield new Outcome.Pause("background analysis '" + analysis + "' is inconclusive: " + v.message()
                        + "; resume to accept it and go on, or abort");
            }
        };
    }

    /** An operator's Resume accepts an inconclusive background analysis; true when there was one to accept. */
    boolean accept(StepContext ctx) {
        if (!"inconclusive".equals(ctx.var(STATE))) {
            return false;
        }
        ctx.putVar(STATE, "approved");
        ctx.event(ACTION, "approved", Map.of("analysis", analysis));
        return true;
    }
}
