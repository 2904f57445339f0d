package io.flightdeck.signals;

import io.flightdeck.signals.analysis.MetricSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Signals without a Prometheus server: scrapes metrics endpoints every second into a {@link ScrapeHistory} and
 * evaluates the built-in templates' PromQL shapes over it ({@link ScrapeQueries}). The targets are one metrics URL
 * (the sandbox's exporter) or, on a real cluster, the pods of a workload through the API server's pod proxy
 * ({@link PodProxyScraper}). {@link #scrape()} is called by the signals scheduler; {@link #query} on the analysis
 * executor.
 */
public final class ScrapeSource implements MetricSource {

    /** Takes one scrape of every target into the history at the given time; returns "" or why it failed. */
    interface Scraper {
        String scrape(ScrapeHistory into, Instant at);
    }

    private static final String NOT_YET = "not scraped yet";

    private final Scraper scraper;
    private final ScrapeHistory history = new ScrapeHistory(Duration.ofMinutes(10));
    private final ScrapeQueries queries = new ScrapeQueries(history);
    private final Clock clock;
    private volatile String lastError = NOT_YET;

    /** Scrapes one metrics endpoint, such as the sandbox's exporter. */
    public ScrapeSource(String metricsUrl, Clock clock) {
        this(http(URI.create(metricsUrl)), clock);
    }

    /**
     * Scrapes the pods in {@code namespace} matching {@code selector} through the API server's pod proxy, as on a
     * real cluster without a Prometheus.
     */
    public static ScrapeSource podProxy(io.fabric8.kubernetes.client.KubernetesClient client, String namespace,
                                        java.util.Map<String, String> selector, Clock clock) {
        return new ScrapeSource(new PodProxyScraper(client, namespace, selector), clock);
    }

    ScrapeSource(Scraper scraper, Clock clock) {
        this.scraper = scraper;
        this.clock = clock;
    }

    /** Takes one scrape; a failed scrape is remembered, answered as no data, and returned ("" when it worked). */
    public String scrape() {
        String error = scraper.scrape(history, clock.instant());
        lastError = error;
        return error;
    }

    /** Adds a scrape taken elsewhere (tests). */
    void add(String text, Instant at) {
        history.add(text, at);
        lastError = "";
    }

    @Override
    public PromResult query(String promql) {
        if (!lastError.isEmpty() && !lastError.equals(NOT_YET)) {
            return PromResult.noData(lastError);
        }
        return queries.query(promql, clock.instant());
    }

    private static Scraper http(URI url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return (into, at) -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return "HTTP " + r.statusCode() + " from " + url;
                }
                into.add(r.body(), at);
                return "";
            } catch (IOException e) {
                return url + " is unreachable: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        };
    }
}
