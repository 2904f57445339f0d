package io.flightdeck.signals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One reading of a Deployment's traffic by version, stable first: what {@link TrafficSignals#read} measured at
 * {@code at}. {@code problem} is "" when the metrics source answered, else why there are no numbers (e.g. "no
 * Prometheus configured ..." or "Prometheus at ... is unreachable: ..."); values are then NaN. Immutable.
 */
public record TrafficReading(Instant at, List<VersionTraffic> versions, String problem) {

    public TrafficReading {
        versions = List.copyOf(versions);
        problem = problem == null ? "" : problem;
    }

    /** The version of a track (stable, canary, green), if it was read. */
    public Optional<VersionTraffic> track(String track) {
        return versions.stream().filter(v -> v.track().equals(track)).findFirst();
    }
}
