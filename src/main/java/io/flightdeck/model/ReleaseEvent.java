package io.flightdeck.model;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a release's timeline: when, who, what was done, how it ended ("ok", "failed", "conflict", ...), and
 * details such as the step, an error or the measured values behind a gate. Immutable.
 */
public record ReleaseEvent(Instant time, Actor actor, String action, String outcome, Map<String, String> details) {

    public ReleaseEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
