package io.flightdeck.signals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to a Prometheus query, as a gate or a tile needs it: a list of series (labels and samples) when there is
 * data, or why there is none. {@link Kind#NO_DATA} (an empty result, a timeout, an unreachable server) is never a
 * value; {@link Kind#ERROR} carries Prometheus' own message (e.g. a PromQL parse error). Immutable.
 */
public record PromResult(Kind kind, List<Series> series, String message) {

    public enum Kind { DATA, NO_DATA, ERROR }

    /** One sample. */
    public record Sample(Instant time, double value) {
    }

    /** One series: its labels and its samples (one for an instant query, many for a range query). */
    public record Series(Map<String, String> labels, List<Sample> samples) {
        public double last() {
            return samples.get(samples.size() - 1).value();
        }
    }

    public static PromResult data(List<Series> series) {
        return series.isEmpty() ? noData("the query returned no series") : new PromResult(Kind.DATA,
                List.copyOf(series), "");
    }

    public static PromResult noData(String why) {
        return new PromResult(Kind.NO_DATA, List.of(), why);
    }

    public static PromResult error(String message) {
        return new PromResult(Kind.ERROR, List.of(), message);
    }

    public boolean hasData() {
        return kind == Kind.DATA;
    }

    /** The single value of a one-series instant result; callers check {@link #hasData()} first. */
    public double scalar() {
        if (series.size() != 1) {
            throw new IllegalStateException("expected one series, got " + series.size());
        }
        return series.get(0).last();
    }
}
