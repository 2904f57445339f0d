package io.flightdeck.release;

/** What one reconcile of a step found. */
public sealed interface StepResult {

    /** The step's goal holds in the cluster: go to the next step. */
    record Done(String note) implements StepResult {
    }

    /** Not there yet (pods starting, old pods terminating): reconcile again on the next tick. */
    record Waiting(String why) implements StepResult {
    }

    /** A gate: the release pauses until it is promoted (or the step's duration passes). */
    record AwaitingPromotion(String why) implements StepResult {
    }

    /** The step cannot go on: the release pauses with this error until resumed or aborted. */
    record Failed(String error) implements StepResult {
    }

    /** A gate failed: the release aborts on its own. */
    record Abort(String why) implements StepResult {
    }

    static StepResult done() {
        return new Done("");
    }

    static StepResult waiting(String why) {
        return new Waiting(why);
    }
}
