package io.flightdeck.ui.workloads;

/**
 * One event as the events table shows it: warning or not, age of its last occurrence, the object ("Pod/name"),
 * reason, message and count. Immutable.
 */
public record EventRow(boolean warning, String age, String object, String reason, String message, int count,
                       String uid) {
}
