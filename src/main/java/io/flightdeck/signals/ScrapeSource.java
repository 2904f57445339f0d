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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signals without a Prometheus server: scrapes a metrics endpoint every second into a {@link ScrapeHistory} and
 * evaluates the PromQL shapes Flightdeck's built-in templates use: {@code sum(rate(M{...}[W]))}, the ratio of two
 * of them, and {@code histogram_quantile(Q, sum by (le) (rate(M_bucket{...}[W])))}, with the label matchers
 * {@code = != =~ !~}. Any other query is an error that says to configure a Prometheus. {@link #scrape()} is called by
 * the signals scheduler; {@link #query} on the analysis executor.
 */
public final class ScrapeSource implements MetricSource {

    private static final Pattern SUM_RATE = Pattern.compile(
            "\\s*sum\\s*\\(\\s*rate\\s*\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}\\s*\\[(\\d+)s]\\s*\\)\\s*\\)\\s*");
    private static final Pattern QUANTILE = Pattern.compile("\\s*histogram_quantile\\s*\\(\\s*([0-9.]+)\\s*,\\s*sum\\s+"
            + "by\\s*\\(\\s*le\\s*\\)\\s*\\(\\s*rate\\s*\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}\\s*\\[(\\d+)s]"
            + "\\s*\\)\\s*\\)\\s*\\)\\s*");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScrapeHistory history = new ScrapeHistory(Duration.ofMinutes(10));
    private final Clock clock;
    private volatile String lastError = "not scraped yet";

    public ScrapeSource(String metricsUrl, Clock clock) {
        this.url = URI.create(metricsUrl);
        this.clock = clock;
    }

    /** Takes one scrape; a failed scrape is remembered and answered as no data. */
    public void scrape() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                lastError = "HTTP " + r.statusCode() + " from " + url;
                return;
            }
            history.add(r.body(), clock.instant());
            lastError = "";
        } catch (IOException e) {
            lastError = url + " is unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds a scrape taken elsewhere (tests, or a pod-proxy scraper). */
    void add(String text, Instant at) {
        history.add(text, at);
        lastError = "";
    }

    @Override
    public PromResult query(String promql) {
        if (!lastError.isEmpty() && !lastError.equals("not scraped yet")) {
            return PromResult.noData(lastError);
        }
        Instant now = clock.instant();
        Matcher q = QUANTILE.matcher(promql);
        if (q.matches()) {
            return quantile(Double.parseDouble(q.group(1)), q.group(2), matchers(q.group(3)),
                    Duration.ofSeconds(Long.parseLong(q.group(4))), now);
        }
        int slash = topLevelSlash(promql);
        if (slash > 0) {
            Double a = sumRate(promql.substring(0, slash), now);
            Double b = sumRate(promql.substring(slash + 1), now);
            if (a == null || b == null) {
                return unsupported(promql);
            }
            return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? PromResult.noData("no samples in the window")
                    : value(a / b, now);
        }
        Double v = sumRate(promql, now);
        if (v == null) {
            return unsupported(promql);
        }
        return Double.isNaN(v) ? PromResult.noData("no samples in the window") : value(v, now);
    }

    /** sum(rate(...)) of the matching series, NaN without two samples, null when the text is not that shape. */
    private Double sumRate(String text, Instant now) {
        Matcher m = SUM_RATE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        List<String[]> ms = matchers(m.group(2));
        Duration window = Duration.ofSeconds(Long.parseLong(m.group(3)));
        double sum = 0;
        boolean any = false;
        for (ScrapeHistory.Series s : history.named(m.group(1))) {
            if (matches(s.labels, ms)) {
                double r = rate(s, window, now);
                if (!Double.isNaN(r)) {
                    sum += r;
                    any = true;
                }
            }
        }
        return any ? sum : Double.NaN;
    }

    private PromResult quantile(double q, String name, List<String[]> ms, Duration window, Instant now) {
        Map<Double, Double> byLe = new TreeMap<>();
        for (ScrapeHistory.Series s : history.named(name)) {
            String le = s.labels.get("le");
            if (le == null || !matches(s.labels, ms)) {
                continue;
            }
            double r = rate(s, window, now);
            if (!Double.isNaN(r)) {
                byLe.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), r, Double::sum);
            }
        }
        if (byLe.isEmpty() || !byLe.containsKey(Double.POSITIVE_INFINITY)) {
            return PromResult.noData("no histogram samples in the window");
        }
        double total = byLe.get(Double.POSITIVE_INFINITY);
        if (total <= 0) {
            return PromResult.noData("no requests in the window");
        }
        double rank = q * total;
        double prevLe = 0;
        double prevCount = 0;
        for (Map.Entry<Double, Double> e : byLe.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return value(prevLe, now);
                }
                double inBucket = e.getValue() - prevCount;
                double frac = inBucket <= 0 ? 0 : (rank - prevCount) / inBucket;
                return value(prevLe + (e.getKey() - prevLe) * frac, now);
            }
            prevLe = e.getKey();
            prevCount = e.getValue();
        }
        return value(prevLe, now);
    }

    /** Per-second increase over the window, counter resets handled; NaN with fewer than two samples. */
    private static double rate(ScrapeHistory.Series s, Duration window, Instant now) {
        List<ScrapeHistory.Sample> xs = s.since(now.minus(window));
        if (xs.size() < 2) {
            return Double.NaN;
        }
        double increase = 0;
        for (int i = 1; i < xs.size(); i++) {
            double d = xs.get(i).value() - xs.get(i - 1).value();
            increase += d >= 0 ? d : xs.get(i).value();
        }
        double secs = Duration.between(xs.get(0).time(), xs.get(xs.size() - 1).time()).toMillis() / 1000.0;
        return secs <= 0 ? Double.NaN : increase / secs;
    }

    private static List<String[]> matchers(String text) {
        List<String[]> out = new ArrayList<>();
        Matcher m = MATCHER.matcher(text);
        while (m.find()) {
            out.add(new String[]{m.group(1), m.group(2), m.group(3).replace("\\\"", "\"")});
        }
        return out;
    }

    private static boolean matches(Map<String, String> labels, List<String[]> ms) {
        for (String[] m : ms) {
            String v = labels.getOrDefault(m[0], "");
            boolean ok = switch (m[1]) {
                case "=" -> v.equals(m[2]);
                case "!=" -> !v.equals(m[2]);
                case "=~" -> v.matches(m[2]);
                default -> !v.matches(m[2]);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int topLevelSlash(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == '/' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static PromResult value(double v, Instant now) {
        return PromResult.data(List.of(new PromResult.Series(new HashMap<>(), List.of(new PromResult.Sample(now, v)))));
    }

    private static PromResult unsupported(String promql) {
        return PromResult.error("without a Prometheus, Flightdeck evaluates only sum(rate(...)), ratios of two of "
                + "them and histogram_quantile(q, sum by (le) (rate(..._bucket[...]))); configure a Prometheus for: "
                + promql);
    }
}
