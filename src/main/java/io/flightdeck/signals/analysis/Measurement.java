package io.flightdeck.signals.analysis;

import java.time.Instant;
import java.util.List;

/**
 * One measurement of one metric: when, the query as sent, the values it returned (empty for no data), its phase,
 * and why (the condition that decided, or the no-data or error message). Written to the release journal so the
 * timeline can show why a gate passed or failed. Immutable.
 */
public record Measurement(String metric, Instant time, String query, List<Double> values, Phase phase,
                          String message) {
}
