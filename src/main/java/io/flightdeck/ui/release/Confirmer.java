package io.flightdeck.ui.release;

/**
 * Asks the operator to confirm a step that cannot be undone (abort, promote full, roll back). The screens use
 * {@link AlertConfirmer}; tests answer with a lambda. Called on the FX thread.
 */
@FunctionalInterface
public interface Confirmer {

    /** Whether the operator agreed to {@code action}, described by {@code details}. */
    boolean confirm(String action, String details);
}
