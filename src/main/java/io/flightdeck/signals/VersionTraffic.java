package io.flightdeck.signals;

/**
 * The traffic of one version of a Deployment as Prometheus (or the direct scrape) sees it over the last rate window:
 * requests per second, the share of non-5xx answers and the 99th percentile latency. {@link Double#NaN} means no
 * data (no series, no samples in the window), never zero. Immutable.
 *
 * @param track      stable, canary or green, as the release engine labels the version's pods
 * @param deployment the Deployment that runs the version, e.g. {@code checkout-canary}
 */
public record VersionTraffic(String track, String deployment, double requestRate, double successRate,
                             double p99Seconds) {

    /** Whether any of the three values was measured. */
    public boolean hasData() {
        return !Double.isNaN(requestRate) || !Double.isNaN(successRate) || !Double.isNaN(p99Seconds);
    }
}
