package io.flightdeck.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The log error-rate signal of one version: the share of its received log lines, over a recent window, that are
 * error lines (an error level, or an HTTP 5xx in an access log), by the pods' namespace and labels. Fewer lines than
 * {@code minLines} is no data, never a rate of zero. Reads a {@link LogBuffer}; any thread.
 */
public final class LogErrorRate {

    private final LogBuffer buffer;
    private final int minLines;

    public LogErrorRate(LogBuffer buffer, int minLines) {
        this.buffer = buffer;
        this.minLines = minLines;
    }

    /**
     * The error share of lines from pods in {@code namespace} whose labels include all of {@code labels}, received
     * within {@code window} before {@code now}.
     */
    public PromResult measure(String namespace, Map<String, String> labels, Duration window, Instant now) {
        Instant from = now.minus(window);
        Predicate<LogRecord> version = r -> r.namespace().equals(namespace)
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(r.labels().get(e.getKey())));
        List<LogRecord> lines = buffer.since(0).stream()
                .filter(r -> !r.time().isBefore(from) && !r.time().isAfter(now)).filter(version).toList();
        if (lines.size() < minLines) {
            return PromResult.noData(lines.size() + " log lines in the last " + window.toSeconds() + " s, need "
                    + minLines);
        }
        long errors = lines.stream().filter(LogRecord::error).count();
        double rate = (double) errors / lines.size();
        return PromResult.data(List.of(new PromResult.Series(Map.of("lines", Integer.toString(lines.size()),
                "errors", Long.toString(errors)), List.of(new PromResult.Sample(now, rate)))));
    }
}
