package io.flightdeck.signals.analysis;

import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Kayenta-style judgement of a canary against its stable version: for a comparison query (marked with
 * {@link #QUERY_MARKER}, {@code TRACK} standing for the track: canary or green against stable), takes the last {@code lookback} of both tracks as
 * time series, and answers the one-sided Mann-Whitney p-value that the canary's values are greater (worse) than the
 * stable's. Fewer than {@link #MIN_SAMPLES} samples on a side is no data, never a pass. Other queries go to the
 * plain source. Blocking; analysis executor.
 */
public final class StableComparison implements MetricSource {

    public static final String QUERY_MARKER = "#compare ";
    static final int MIN_SAMPLES = 5;

    private final MetricSource plain;
    private final PromClient client;
    private final Duration lookback;
    private final Duration step;
    private final Clock clock;

    public StableComparison(MetricSource plain, PromClient client, Duration lookback, Duration step, Clock clock) {
        this.plain = plain;
        this.client = client;
        this.lookback = lookback;
        this.step = step;
        this.clock = clock;
    }

    @Override
    public PromResult query(String promql) {
        if (!promql.startsWith(QUERY_MARKER)) {
            return plain.query(promql);
        }
        String q = promql.substring(QUERY_MARKER.length());
        Instant end = clock.instant();
        Instant start = end.minus(lookback);
        PromResult canary = client.queryRange(q.replace("TRACK", "canary|green"), start, end, step);
        PromResult stable = client.queryRange(q.replace("TRACK", "stable"), start, end, step);
        if (!canary.hasData() || !stable.hasData()) {
            return canary.kind() == PromResult.Kind.ERROR ? canary : stable.kind() == PromResult.Kind.ERROR ? stable
                    : PromResult.noData("canary or stable has no data yet");
        }
        double[] c = values(canary);
        double[] s = values(stable);
        if (c.length < MIN_SAMPLES || s.length < MIN_SAMPLES) {
            return PromResult.noData("too few samples to compare (canary " + c.length + ", stable " + s.length
                    + ", need " + MIN_SAMPLES + ")");
        }
        MannWhitney.Result r = MannWhitney.test(c, s);
        return PromResult.data(List.of(new PromResult.Series(Map.of("test", "mann-whitney", "u",
                Double.toString(r.u())), List.of(new PromResult.Sample(end, r.pGreater())))));
    }

    private static double[] values(PromResult r) {
        return r.series().get(0).samples().stream().mapToDouble(PromResult.Sample::value).toArray();
    }
}
