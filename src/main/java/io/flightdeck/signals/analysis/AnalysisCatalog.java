package io.flightdeck.signals.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an analysis as a release names it ({@code --analysis success-rate,restarts} or {@code checks.yaml}) into
 * metrics: each comma-separated item is a built-in template name or a YAML metric file ({@link MetricFile}). An
 * unknown name, a missing file or a bad file is an IllegalArgumentException that says which and why. Stateless;
 * any thread.
 */
public final class AnalysisCatalog {

    private AnalysisCatalog() {
    }

    /** The metrics of {@code analysis}, built-in ones measuring every {@code interval}, {@code count} times. */
    public static List<MetricSpec> resolve(String analysis, Duration interval, int count) {
        List<MetricSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : analysis.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty analysis name in '" + analysis + "'");
            }
            List<MetricSpec> metrics = BuiltInTemplates.metric(item, interval, count).map(List::of)
                    .orElseGet(() -> file(item, interval, count));
            for (MetricSpec m : metrics) {
                if (!names.add(m.name())) {
                    throw new IllegalArgumentException("metric \"" + m.name() + "\" is named twice in '" + analysis
                            + "'");
                }
                out.add(m);
            }
        }
        return out;
    }

    /** Whether any metric of the analysis needs a Prometheus' range queries (the canary-against-stable test). */
    public static boolean needsPrometheus(List<MetricSpec> metrics) {
        return metrics.stream().anyMatch(m -> m.query().startsWith(StableComparison.QUERY_MARKER));
    }

    private static List<MetricSpec> file(String item, Duration interval, int count) {
        Path p = Path.of(item);
        boolean looksLikeFile = item.endsWith(".yaml") || item.endsWith(".yml") || item.contains("/");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(looksLikeFile ? "analysis file " + item + " does not exist"
                    : "unknown analysis '" + item + "': not a built-in template " + BuiltInTemplates.names()
                    + " nor a YAML file of metrics");
        }
        return MetricFile.read(p, interval, count);
    }
}
