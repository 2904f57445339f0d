package io.flightdeck.sandbox.server;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fault injection for the API server: a fraction of requests fails with 500 or 429, and every response can be
 * delayed. Watches are dropped and watch history expired through the store. Read by request threads, set from any
 * thread (tests, the command line).
 */
public final class Faults {

    private volatile double failFraction;
    private volatile int failCode = 500;
    private volatile long delayMillis;

    /** Fails about {@code fraction} (0..1) of requests with {@code code}: 500 InternalError or 429 TooManyRequests. */
    public void failRequests(double fraction, int code) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be between 0 and 1: " + fraction);
        }
        if (code != 500 && code != 429) {
            throw new IllegalArgumentException("failure code must be 500 or 429: " + code);
        }
        this.failCode = code;
        this.failFraction = fraction;
    }

    public void delayResponses(long millis) {
        this.delayMillis = Math.max(0, millis);
    }

    public void clear() {
        failFraction = 0;
        delayMillis = 0;
    }

    /** The failure code for this request, or 0 when it should be served. */
    int failureFor() {
        double f = failFraction;
        return f > 0 && ThreadLocalRandom.current().nextDouble() < f ? failCode : 0;
    }

    long delayMillis() {
        return delayMillis;
    }
}
