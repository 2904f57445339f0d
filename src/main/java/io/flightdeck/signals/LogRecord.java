package io.flightdeck.signals;

import java.time.Instant;
import java.util.Map;

/**
 * One log line received from a Fluentd forwarder, matched to its pod by the fields Fluentd's kubernetes metadata
 * filter writes: namespace, pod and container names and the pod's labels ("" / empty when absent). {@code error}
 * says whether the line counts against the version's error rate (an error level, or an HTTP 5xx in an access log).
 * Immutable.
 */
public record LogRecord(Instant time, String tag, String namespace, String pod, String container,
                        Map<String, String> labels, String message, boolean error) {
}
