package io.flightdeck.ui.signals;

import io.flightdeck.signals.DeploymentLogTail;
import io.flightdeck.signals.TrafficSignals;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What the signals panel reads and where it does the reading: per-version traffic, the release in flight, the log
 * tail, the background scheduler for all three, how often traffic is read, and the name of the metrics source in use
 * (asked on every reading; any thread). Immutable.
 */
public record SignalSources(TrafficSignals traffic, ReleaseLookup releases, DeploymentLogTail logs,
                            ScheduledExecutorService scheduler, Duration readEvery, Supplier<String> metricsName) {

    public SignalSources {
        Objects.requireNonNull(traffic);
        Objects.requireNonNull(releases);
        Objects.requireNonNull(logs);
        Objects.requireNonNull(scheduler);
        Objects.requireNonNull(readEvery);
        Objects.requireNonNull(metricsName);
    }
}
