package io.flightdeck.release;

/**
 * One step of a release's state machine. {@link #reconcile} runs on the engine's thread, again and again until it
 * returns {@link StepResult.Done}; it reads the cluster and acts only where the cluster is not yet as the step wants
 * it, so a restarted engine can run it again at any point. A gate (a pause or an analysis) is completed by a
 * promotion; full promotion skips the steps that say so.
 */
public interface Step {

    String name();

    StepResult reconcile(StepContext ctx);

    /** A pause or an analysis: a promotion completes it. */
    default boolean gate() {
        return false;
    }

    /** Skipped when the release is promoted in full (gates, canary weights). */
    default boolean skippedByFullPromotion() {
        return gate();
    }

    /** How a step reconciles. */
    @FunctionalInterface
    interface Reconciler {
        StepResult reconcile(StepContext ctx);
    }

    static Step of(String name, Reconciler r) {
        return new Simple(name, false, false, r);
    }

    static Step gate(String name, Reconciler r) {
        return new Simple(name, true, true, r);
    }

    /** A step that full promotion skips but that is not a gate, such as a canary weight. */
    static Step skippable(String name, Reconciler r) {
        return new Simple(name, false, true, r);
    }

    record Simple(String name, boolean gate, boolean skippedByFullPromotion, Reconciler reconciler) implements Step {
        @Override
        public StepResult reconcile(StepContext ctx) {
            return reconciler.reconcile(ctx);
        }
    }
}
