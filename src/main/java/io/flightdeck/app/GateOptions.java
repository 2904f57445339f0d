package io.flightdeck.app;

import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromEndpoint;
import io.flightdeck.signals.PromResult;
import io.flightdeck.signals.analysis.AnalysisCatalog;
import io.flightdeck.signals.analysis.BuiltInTemplates;
import io.flightdeck.signals.analysis.MetricSpec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checked gate options of {@code release} and {@code promote}: {@code --analysis} (the analysis steps),
 * {@code --background-analysis} (over the whole release), {@code --post-promotion-analysis} (blue/green, after the
 * switch), each built-in template names or YAML metric files, and {@code --prometheus URL} with its credential files,
 * {@code --interval} and {@code --count}. Any problem is a {@link UsageException} before the cluster is touched.
 * Immutable; main thread.
 *
 * @param analysis      the analysis steps' analysis, or null
 * @param background    the background analysis, or null
 * @param postPromotion the post-promotion analysis, or null
 * @param metrics       the metrics of each analysis given, by its text
 * @param prometheus    the Prometheus to ask, or null
 */
record GateOptions(String analysis, String background, String postPromotion, Map<String, List<MetricSpec>> metrics,
                   PromEndpoint prometheus, Duration interval, int count) {

    static final String ANALYSIS = "--analysis";
    static final String BACKGROUND = "--background-analysis";
    static final String POST_PROMOTION = "--post-promotion-analysis";
    static final Set<String> OPTIONS = Set.of(ANALYSIS, BACKGROUND, POST_PROMOTION, "--prometheus",
            "--prometheus-token-file", "--prometheus-basic-auth-file", "--interval", "--count");

    GateOptions {
        metrics = Map.copyOf(metrics);
    }

    /** The gate options, checked; empty when no analysis is given (then none of the others may be). */
    static Optional<GateOptions> parse(ReleaseOptions o) throws UsageException {
        String analysis = o.get(ANALYSIS);
        String background = o.get(BACKGROUND);
        String post = o.get(POST_PROMOTION);
        if (analysis == null && background == null && post == null) {
            for (String name : OPTIONS) {
                if (o.get(name) != null) {
                    throw new UsageException(name + " needs --analysis, --background-analysis or"
                            + " --post-promotion-analysis");
                }
            }
            return Optional.empty();
        }
        Duration interval = o.duration("--interval", Duration.ofSeconds(5));
        if (interval.toMillis() < 1000) {
            throw new UsageException("--interval must be at least 1s, not " + o.get("--interval"));
        }
        int count = o.get("--count") == null ? 4 : (int) o.number("--count");
        if (count < 1) {
            throw new UsageException("--count must be at least 1");
        }
        Map<String, List<MetricSpec>> metrics = new LinkedHashMap<>();
        resolve(metrics, ANALYSIS, analysis, interval, count);
        resolve(metrics, BACKGROUND, background, interval, count);
        resolve(metrics, POST_PROMOTION, post, interval, count);
        PromEndpoint prometheus = null;
        if (o.get("--prometheus") != null) {
            prometheus = endpoint(o);
            PromResult probe = new PromClient(prometheus).query("vector(1)", null);
            if (!probe.hasData()) {
                throw new UsageException("--prometheus " + prometheus + " does not answer queries: "
                        + probe.message());
            }
        }
        return Optional.of(new GateOptions(analysis, background, post, metrics, prometheus, interval, count));
    }

    private static void resolve(Map<String, List<MetricSpec>> out, String option, String analysis, Duration interval,
                                int count) throws UsageException {
        if (analysis == null) {
            return;
        }
        try {
            out.put(analysis, AnalysisCatalog.resolve(analysis, interval, count));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /**
     * Checks the options against the strategy: a post-promotion analysis needs a blue/green switch, and
     * canary-vs-stable needs a canary or green Deployment, which a rolling release does not have.
     */
    void checkStrategy(String strategy) throws UsageException {
        boolean blueGreen = strategy.equals("bluegreen") || strategy.equals("blue-green");
        if (postPromotion != null && !blueGreen) {
            throw new UsageException(POST_PROMOTION + " runs after a blue/green switch; --strategy " + strategy
                    + " has none: use " + BACKGROUND + " (judged over the whole release)");
        }
        if (strategy.equals("rolling") && AnalysisCatalog.needsPrometheus(all())) {
            throw new UsageException(BuiltInTemplates.CANARY_VS_STABLE + " compares a canary or green Deployment"
                    + " with the stable one; a rolling release has neither (its new version is measured by"
                    + " pod-template-hash)");
        }
    }

    /** Every metric of every analysis given. */
    List<MetricSpec> all() {
        List<MetricSpec> out = new ArrayList<>();
        metrics.values().forEach(out::addAll);
        return out;
    }

    /** What the gates measure, for the banner: {@code success-rate; background restarts}. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (analysis != null) {
            parts.add(analysis);
        }
        if (background != null) {
            parts.add("background " + background);
        }
        if (postPromotion != null) {
            parts.add("post-promotion " + postPromotion);
        }
        return String.join("; ", parts);
    }

    private static PromEndpoint endpoint(ReleaseOptions o) throws UsageException {
        String url = o.get("--prometheus");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--prometheus takes a URL such as http://prometheus:9090, not '" + url + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--prometheus takes an http or https URL such as http://prometheus:9090, not '"
                    + url + "'");
        }
        PromEndpoint e = PromEndpoint.of(url).withTimeout(Duration.ofSeconds(5));
        if (o.get("--prometheus-token-file") != null && o.get("--prometheus-basic-auth-file") != null) {
            throw new UsageException("give --prometheus-token-file or --prometheus-basic-auth-file, not both");
        }
        if (o.get("--prometheus-token-file") != null) {
            e = e.withBearerToken(secret(o, "--prometheus-token-file"));
        } else if (o.get("--prometheus-basic-auth-file") != null) {
            String userPass = secret(o, "--prometheus-basic-auth-file");
            int colon = userPass.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--prometheus-basic-auth-file must hold USER:PASSWORD");
            }
            e = e.withBasicAuth(userPass.substring(0, colon), userPass.substring(colon + 1));
        }
        return e;
    }

    private static String secret(ReleaseOptions o, String name) throws UsageException {
        try {
            String s = Files.readString(Path.of(o.get(name))).trim();
            if (s.isEmpty()) {
                throw new UsageException(name + " " + o.get(name) + " is empty");
            }
            return s;
        } catch (IOException e) {
            throw new UsageException(name + ": cannot read " + o.get(name) + ": " + e.getMessage());
        }
    }
}
