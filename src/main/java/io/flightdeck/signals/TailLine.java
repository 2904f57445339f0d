package io.flightdeck.signals;

import java.time.Instant;

/**
 * One line of a Deployment's live log tail: when it arrived, the version's track (stable, canary, green), the pod,
 * the text and whether it is an error line (an error level, or an HTTP 5xx). Immutable.
 */
public record TailLine(Instant time, String track, String pod, String text, boolean error) {
}
