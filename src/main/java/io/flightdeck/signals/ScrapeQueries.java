package io.flightdeck.signals;

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
 * Evaluates the PromQL shapes Flightdeck's built-in templates use over a {@link ScrapeHistory}, without a Prometheus:
 * {@code sum(rate(M{...}[W]))}, {@code sum(increase(M{...}[W]))}, {@code sum(M{...})} (the series of the last
 * scrape), the ratio of two of them, and {@code histogram_quantile(Q, sum by (le) (rate(M_bucket{...}[W])))}, with the
 * label matchers {@code = != =~ !~}. Any other query is an error that says to configure a Prometheus. Stateless
 * apart from the history it reads; called on the analysis executor.
 */
final class ScrapeQueries {

    private static final String NAME = "([a-zA-Z_:][a-zA-Z0-9_:]*)";
    private static final Pattern SUM_FN = Pattern.compile("\\s*sum\\s*\\(\\s*(rate|increase)\\s*\\(\\s*" + NAME
            + "\\s*\\{([^}]*)}\\s*\\[(\\d+)([sm])]\\s*\\)\\s*\\)\\s*");
    private static final Pattern SUM_PLAIN = Pattern.compile("\\s*sum\\s*\\(\\s*" + NAME + "\\s*\\{([^}]*)}\\s*\\)\\s*");
    private static final Pattern QUANTILE = Pattern.compile("\\s*histogram_quantile\\s*\\(\\s*([0-9.]+)\\s*,\\s*sum\\s+"
            + "by\\s*\\(\\s*le\\s*\\)\\s*\\(\\s*rate\\s*\\(\\s*" + NAME + "\\s*\\{([^}]*)}\\s*\\[(\\d+)s]"
            + "\\s*\\)\\s*\\)\\s*\\)\\s*");
    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private final ScrapeHistory history;

    ScrapeQueries(ScrapeHistory history) {
        this.history = history;
    }

    PromResult query(String promql, Instant now) {
        Matcher q = QUANTILE.matcher(promql);
        if (q.matches()) {
            return quantile(Double.parseDouble(q.group(1)), q.group(2), matchers(q.group(3)),
                    Duration.ofSeconds(Long.parseLong(q.group(4))), now);
        }
        int slash = topLevelSlash(promql);
        if (slash > 0) {
            Double a = sum(promql.substring(0, slash), now);
            Double b = sum(promql.substring(slash + 1), now);
            if (a == null || b == null) {
                return unsupported(promql);
            }
            return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? PromResult.noData("no samples in the window")
                    : value(a / b, now);
        }
        Double v = sum(promql, now);
        if (v == null) {
            return unsupported(promql);
        }
        return Double.isNaN(v) ? PromResult.noData("no samples in the window") : value(v, now);
    }

    /** The sum over the matching series; NaN without samples; null when the text is not a supported shape. */
    private Double sum(String text, Instant now) {
        Matcher plain = SUM_PLAIN.matcher(text);
        if (plain.matches()) {
            List<String[]> ms = matchers(plain.group(2));
            Instant latest = history.latest();
            double sum = 0;
            boolean any = false;
            for (ScrapeHistory.Series s : history.named(plain.group(1))) {
                ScrapeHistory.Sample last = s.last();
                if (last != null && last.time().equals(latest) && matches(s.labels, ms)) {
                    sum += last.value();
                    any = true;
                }
            }
            return any ? sum : Double.NaN;
        }
        Matcher m = SUM_FN.matcher(text);
        if (!m.matches()) {
            return null;
        }
        List<String[]> ms = matchers(m.group(3));
        long n = Long.parseLong(m.group(4));
        Duration window = m.group(5).equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
        boolean increase = m.group(1).equals("increase");
        double sum = 0;
        boolean any = false;
        for (ScrapeHistory.Series s : history.named(m.group(2))) {
            if (matches(s.labels, ms)) {
                double[] r = increase(s, window, now);
                if (r != null) {
                    sum += increase ? r[0] : r[0] / r[1];
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
            double[] r = increase(s, window, now);
            if (r != null) {
                byLe.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), r[0] / r[1],
                        Double::sum);
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

    /**
     * The increase over the window (counter resets handled) and the seconds it spans; null with fewer than two
     * samples or no time between them.
     */
    private static double[] increase(ScrapeHistory.Series s, Duration window, Instant now) {
        List<ScrapeHistory.Sample> xs = s.since(now.minus(window));
        if (xs.size() < 2) {
            return null;
        }
        double increase = 0;
        for (int i = 1; i < xs.size(); i++) {
            double d = xs.get(i).value() - xs.get(i - 1).value();
            increase += d >= 0 ? d : xs.get(i).value();
        }
        double secs = Duration.between(xs.get(0).time(), xs.get(xs.size() - 1).time()).toMillis() / 1000.0;
        return secs <= 0 ? null : new double[]{increase, secs};
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
        return PromResult.error("without a Prometheus, Flightdeck evaluates only sum(rate(...)), sum(increase(...)),"
                + " sum(metric{...}), ratios of two of them and histogram_quantile(q, sum by (le) (rate(..._bucket"
                + "[...]))); configure a Prometheus for: " + promql);
    }
}
