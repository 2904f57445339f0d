package io.flightdeck.signals;

import io.flightdeck.signals.analysis.MetricSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets every tile and gate that needs the same query within one interval share one request: the first asker runs
 * it, concurrent and later askers within {@code maxAge} get the same result. Thread-safe; blocking like the client.
 */
public final class SharedQueries implements MetricSource {

    private record Entry(long at, CompletableFuture<PromResult> result) {
    }

    private final PromClient client;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public SharedQueries(PromClient client, Duration maxAge) {
        this(client, maxAge, System::nanoTime);
    }

    SharedQueries(PromClient client, Duration maxAge, LongSupplier nanoTime) {
        this.client = client;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public PromResult query(String promql) {
        long now = nanoTime.getAsLong();
        CompletableFuture<PromResult> mine = new CompletableFuture<>();
        Entry e = cache.compute(promql, (q, old) -> old != null && now - old.at() < maxAgeNanos ? old
                : new Entry(now, mine));
        if (e.result() == mine) {
            try {
                mine.complete(client.query(promql, null));
            } catch (RuntimeException ex) {
                mine.complete(PromResult.error(String.valueOf(ex.getMessage())));
            }
            cache.entrySet().removeIf(x -> now - x.getValue().at() > 10 * maxAgeNanos);
        }
        return e.result().join();
    }
}
