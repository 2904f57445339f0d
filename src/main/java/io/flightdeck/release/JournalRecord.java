package io.flightdeck.release;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePlan;

import java.time.Instant;
import java.util.List;

/**
 * One release as its journal ConfigMap holds it: id, start time, plan, baseline, state and events. Immutable.
 */
public record JournalRecord(String id, Instant started, ReleasePlan plan, Baseline baseline, JournalState state,
                            List<ReleaseEvent> events) {

    public JournalRecord {
        events = List.copyOf(events);
    }
}
