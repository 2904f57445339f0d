package io.flightdeck.release;

import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseEvent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of a driven release, confined to the engine's thread: the journal state, the events, the
 * strategy's variables, whether something not yet journaled changed, and the message of the current step.
 */
final class DriverState {

    private final JournalRecord origin;
    private final Actor actor;
    private final Clock clock;
    private final List<ReleaseEvent> events;
    private final Map<String, String> vars;
    private JournalState state;
    private boolean dirty;
    private String message = "";

    DriverState(JournalRecord origin, String driver, Actor actor, Clock clock) {
        this.origin = origin;
        this.actor = actor;
        this.clock = clock;
        this.state = origin.state().withDriver(driver);
        this.events = new ArrayList<>(origin.events());
        this.vars = new HashMap<>(state.vars());
    }

    JournalState state() {
        return state;
    }

    /** Replaces the state; the change is journaled on the next write. */
    void set(JournalState next) {
        state = next;
        dirty = true;
    }

    boolean dirty() {
        return dirty;
    }

    void written() {
        dirty = false;
    }

    String message() {
        return message;
    }

    void message(String m) {
        message = m == null ? "" : m;
    }

    String var(String key) {
        return vars.get(key);
    }

    void putVar(String key, String value) {
        vars.put(key, value);
        dirty = true;
    }

    /** Appends an event by this engine's actor, now. */
    void record(String action, String outcome, Map<String, String> details) {
        events.add(new ReleaseEvent(clock.instant(), actor, action, outcome, details));
        dirty = true;
    }

    JournalRecord toRecord() {
        return new JournalRecord(origin.id(), origin.started(), origin.plan(), origin.baseline(),
                state.withVars(vars), events);
    }
}
