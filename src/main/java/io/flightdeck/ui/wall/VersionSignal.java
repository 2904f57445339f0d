package io.flightdeck.ui.wall;

/**
 * The key traffic signals of one version of a release: its track (stable, canary, green) and Deployment, requests per
 * second, the share of requests that did not fail (0..1) and the p99 latency in seconds. NaN means no data.
 * Immutable.
 */
public record VersionSignal(String track, String deployment, double requestRate, double successRate,
                            double p99Seconds) {
}
