package io.flightdeck.signals;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to reach a Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir, ...): base URL, optional
 * bearer token or basic auth, and the per-query timeout. TLS verification uses the JVM's trust store. Immutable; the
 * credentials are kept in memory only.
 */
public record PromEndpoint(URI baseUrl, String bearerToken, String basicUser, String basicPassword,
                           Duration timeout) {

    public static PromEndpoint of(String url) {
        return new PromEndpoint(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), null, null,
                null, Duration.ofSeconds(10));
    }

    public PromEndpoint withBearerToken(String token) {
        return new PromEndpoint(baseUrl, token, null, null, timeout);
    }

    public PromEndpoint withBasicAuth(String user, String password) {
        return new PromEndpoint(baseUrl, null, user, password, timeout);
    }

    public PromEndpoint withTimeout(Duration t) {
        return new PromEndpoint(baseUrl, bearerToken, basicUser, basicPassword, t);
    }

    @Override
    public String toString() {
        return baseUrl.toString();
    }
}
