package io.flightdeck.signals;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client for the Prometheus HTTP API ({@code /api/v1/query} and {@code /api/v1/query_range}) that works with any
 * server speaking it. Never throws for a failed query: a 400/422 becomes {@link PromResult.Kind#ERROR} with
 * Prometheus' own message; a timeout, an unreachable server or an empty result become
 * {@link PromResult.Kind#NO_DATA}, so no caller can mistake missing data for a value. Blocking: call it from a
 * signals executor, never from the FX thread.
 */
public final class PromClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PromEndpoint endpoint;
    private final HttpClient http;

    public PromClient(PromEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).build();
    }

    public PromEndpoint endpoint() {
        return endpoint;
    }

    /** Evaluates {@code promql} at {@code time} (null = now). */
    public PromResult query(String promql, Instant time) {
        StringBuilder form = new StringBuilder("query=").append(enc(promql));
        if (time != null) {
            form.append("&time=").append(seconds(time));
        }
        form.append("&timeout=").append(endpoint.timeout().toMillis()).append("ms");
        return post("/api/v1/query", form.toString());
    }

    /** Evaluates {@code promql} over [start, end] every {@code step}. */
    public PromResult queryRange(String promql, Instant start, Instant end, Duration step) {
        String form = "query=" + enc(promql) + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step="
                + (step.toMillis() / 1000.0) + "&timeout=" + endpoint.timeout().toMillis() + "ms";
        return post("/api/v1/query_range", form);
    }

    private PromResult post(String path, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (endpoint.bearerToken() != null) {
            b.header("Authorization", "Bearer " + endpoint.bearerToken());
        } else if (endpoint.basicUser() != null) {
            String cred = endpoint.basicUser() + ":" + endpoint.basicPassword();
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    cred.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return PromResult.noData("Prometheus at " + endpoint + " did not answer within "
                    + endpoint.timeout().toMillis() + " ms");
        } catch (ConnectException e) {
            return PromResult.noData("Prometheus at " + endpoint + " is unreachable: connection refused");
        } catch (IOException e) {
            return PromResult.noData("Prometheus at " + endpoint + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PromResult.noData("interrupted");
        }
        return parse(r.statusCode(), r.body());
    }

    /** Turns an API response into a result. Package-private for tests of odd bodies. */
    static PromResult parse(int status, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return status >= 200 && status < 300 ? PromResult.error("the server's answer is not JSON")
                    : status == 401 || status == 403 ? PromResult.error("Prometheus refused the credentials (HTTP "
                    + status + ")") : PromResult.noData("HTTP " + status + " from Prometheus");
        }
        if (!"success".equals(root.path("status").asString())) {
            String type = root.path("errorType").asString();
            String msg = root.path("error").asString();
            if (type.equals("timeout") || type.equals("canceled") || status >= 500) {
                return PromResult.noData("Prometheus could not answer: " + msg);
            }
            return PromResult.error((type.isEmpty() ? "" : type + ": ") + msg);
        }
        JsonNode data = root.path("data");
        String resultType = data.path("resultType").asString();
        List<PromResult.Series> series = new ArrayList<>();
        switch (resultType) {
            case "vector", "matrix" -> {
                for (JsonNode s : data.path("result")) {
                    List<PromResult.Sample> samples = new ArrayList<>();
                    if (s.has("value")) {
                        sample(s.get("value"), samples);
                    }
                    for (JsonNode v : s.path("values")) {
                        sample(v, samples);
                    }
                    if (!samples.isEmpty()) {
                        series.add(new PromResult.Series(labels(s.path("metric")), List.copyOf(samples)));
                    }
                }
            }
            case "scalar" -> {
                List<PromResult.Sample> samples = new ArrayList<>();
                sample(data.path("result"), samples);
                if (!samples.isEmpty()) {
                    series.add(new PromResult.Series(Map.of(), List.copyOf(samples)));
                }
            }
            default -> {
                return PromResult.error("unsupported result type: " + resultType);
            }
        }
        return PromResult.data(series);
    }

    /** Appends a [time, "value"] pair; NaN and infinities are missing data, not values. */
    private static void sample(JsonNode pair, List<PromResult.Sample> out) {
        if (!pair.isArray() || pair.size() != 2) {
            return;
        }
        double t = pair.get(0).asDouble();
        double v;
        try {
            v = Double.parseDouble(pair.get(1).asString());
        } catch (NumberFormatException e) {
            return;
        }
        if (Double.isFinite(v)) {
            out.add(new PromResult.Sample(Instant.ofEpochMilli(Math.round(t * 1000)), v));
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> m = new LinkedHashMap<>();
        metric.properties().forEach(e -> m.put(e.getKey(), e.getValue().asString()));
        return Map.copyOf(m);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant t) {
        return Long.toString(t.getEpochSecond()) + "." + String.format("%03d", t.getNano() / 1_000_000);
    }
}
