package io.flightdeck.signals.analysis;

import io.flightdeck.signals.PromResult;

/**
 * Where an analysis takes its measurements: Prometheus ({@link io.flightdeck.signals.SharedQueries} over a
 * PromClient), or a direct scrape of the pods when no Prometheus is configured. Blocking; called on the analysis
 * executor.
 */
@FunctionalInterface
public interface MetricSource {

    PromResult query(String promql);
}
