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

    /**
     * Says that queries about {@code deployment} in {@code namespace} are coming (a tile is reading it, a gate is
     * measuring it). A source that scrapes pods on demand starts scraping them; Prometheus ignores it. Any thread;
     * must return quickly.
     */
    default void want(String namespace, String deployment) {
    }
}
