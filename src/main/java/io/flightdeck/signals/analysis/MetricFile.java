package io.flightdeck.signals.analysis;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads analysis metrics from a YAML file written like an Argo Rollouts AnalysisTemplate: a list of metrics (at the
 * top, under {@code metrics:}, or under {@code spec.metrics} of a whole AnalysisTemplate), each with {@code name},
 * {@code interval}, {@code count}, {@code successCondition}, {@code failureCondition}, {@code failureLimit},
 * {@code inconclusiveLimit}, {@code consecutiveErrorLimit} and {@code provider.prometheus.query}. Argo's
 * {@code {{args.x}}} placeholders are read as {@code {{x}}}. Every error names the file, the line and the field.
 * Stateless; any thread (the command line reads files on the main thread).
 */
public final class MetricFile {

    private static final Set<String> METRIC_FIELDS = Set.of("name", "interval", "count", "successCondition",
            "failureCondition", "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "provider");
    private static final Pattern ARGS = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private MetricFile() {
    }

    /** Reads a file; interval and count default to the given ones where a metric leaves them out. */
    public static List<MetricSpec> read(Path file, Duration defaultInterval, int defaultCount) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the analysis file: " + e);
        }
        return parse(file.toString(), text, defaultInterval, defaultCount);
    }

    /** Parses YAML text; {@code name} is what errors call the file. */
    public static List<MetricSpec> parse(String name, String text, Duration defaultInterval, int defaultCount) {
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(name).build()).composeString(text)
                    .orElseThrow(() -> new IllegalArgumentException(name + ": the file is empty; expected a list of"
                            + " metrics"));
        } catch (MarkedYamlEngineException e) {
            throw new IllegalArgumentException(name + ":" + e.getProblemMark().map(m -> m.getLine() + 1 + ": ")
                    .orElse(" ") + "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(name + ": not valid YAML: " + e.getMessage());
        }
        Node list = metricsList(name, root);
        if (!(list instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw error(name, list, "metrics", "expected a non-empty list of metrics");
        }
        List<MetricSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : seq.getValue()) {
            MetricSpec m = metric(name, item, defaultInterval, defaultCount);
            if (!names.add(m.name())) {
                throw error(name, item, "name", "metric \"" + m.name() + "\" appears twice");
            }
            out.add(m);
        }
        return out;
    }

    private static Node metricsList(String file, Node root) {
        if (root instanceof SequenceNode) {
            return root;
        }
        Map<String, NodeTuple> top = mapping(file, root, "the file");
        if (top.containsKey("spec")) {
            Map<String, NodeTuple> spec = mapping(file, top.get("spec").getValueNode(), "spec");
            if (!spec.containsKey("metrics")) {
                throw error(file, top.get("spec").getValueNode(), "spec.metrics", "missing");
            }
            return spec.get("metrics").getValueNode();
        }
        if (!top.containsKey("metrics")) {
            throw error(file, root, "metrics", "missing: the file is a list of metrics, has a 'metrics:' list, or is"
                    + " an AnalysisTemplate with spec.metrics");
        }
        return top.get("metrics").getValueNode();
    }

    private static MetricSpec metric(String file, Node node, Duration defaultInterval, int defaultCount) {
        Map<String, NodeTuple> f = mapping(file, node, "metric");
        for (NodeTuple t : f.values()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!METRIC_FIELDS.contains(key)) {
                throw error(file, t.getKeyNode(), key, "unknown field; a metric has " + METRIC_FIELDS.stream()
                        .sorted().toList());
            }
        }
        String name = required(file, node, f, "name");
        String at = "metric \"" + name + "\" ";
        Duration interval = f.containsKey("interval") ? duration(file, f.get("interval"), at) : defaultInterval;
        int count = f.containsKey("count") ? integer(file, f.get("count"), at, 1) : defaultCount;
        Condition success = condition(file, f.get("successCondition"), at);
        Condition failure = condition(file, f.get("failureCondition"), at);
        if (success == null && failure == null) {
            throw error(file, node, at + "successCondition", "a metric needs a successCondition or a failureCondition");
        }
        int failureLimit = f.containsKey("failureLimit") ? integer(file, f.get("failureLimit"), at, 0) : 0;
        int inconclusiveLimit = f.containsKey("inconclusiveLimit")
                ? integer(file, f.get("inconclusiveLimit"), at, 0) : 0;
        int errorLimit = f.containsKey("consecutiveErrorLimit") ? integer(file, f.get("consecutiveErrorLimit"), at, 0)
                : MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT;
        String query = query(file, node, f, at);
        return new MetricSpec(name, query, interval, count, success, failure, failureLimit, inconclusiveLimit,
                errorLimit);
    }

    private static String query(String file, Node metric, Map<String, NodeTuple> f, String at) {
        if (!f.containsKey("provider")) {
            throw error(file, metric, at + "provider.prometheus.query", "missing");
        }
        Node providerNode = f.get("provider").getValueNode();
        Map<String, NodeTuple> provider = mapping(file, providerNode, at + "provider");
        if (!provider.containsKey("prometheus")) {
            throw error(file, providerNode, at + "provider", "only the prometheus provider is supported, found "
                    + provider.keySet());
        }
        Node promNode = provider.get("prometheus").getValueNode();
        Map<String, NodeTuple> prom = mapping(file, promNode, at + "provider.prometheus");
        for (String key : prom.keySet()) {
            if (!key.equals("query")) {
                throw error(file, prom.get(key).getKeyNode(), at + "provider.prometheus." + key,
                        "unknown field; Flightdeck asks the Prometheus given by --prometheus and reads only 'query'");
            }
        }
        String query = required(file, promNode, prom, "query");
        Matcher m = ARGS.matcher(query);
        String filled = m.replaceAll("{{$1}}");
        if (filled.isBlank()) {
            throw error(file, prom.get("query").getValueNode(), at + "provider.prometheus.query", "is empty");
        }
        return filled;
    }

    private static Map<String, NodeTuple> mapping(String file, Node node, String what) {
        if (!(node instanceof MappingNode map)) {
            throw error(file, node, what, "expected a mapping of fields");
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw error(file, t.getKeyNode(), what, "a field name must be plain text");
            }
            if (out.put(key.getValue(), t) != null) {
                throw error(file, key, key.getValue(), "appears twice");
            }
        }
        return out;
    }

    private static String required(String file, Node parent, Map<String, NodeTuple> f, String field) {
        if (!f.containsKey(field)) {
            throw error(file, parent, field, "missing");
        }
        return scalar(file, f.get(field), field);
    }

    private static String scalar(String file, NodeTuple t, String field) {
        if (!(t.getValueNode() instanceof ScalarNode s)) {
            throw error(file, t.getValueNode(), field, "expected a single value");
        }
        return s.getValue().trim();
    }

    private static Condition condition(String file, NodeTuple t, String at) {
        if (t == null) {
            return null;
        }
        String field = ((ScalarNode) t.getKeyNode()).getValue();
        String text = scalar(file, t, at + field);
        try {
            return Condition.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(file, t.getValueNode(), at + field, e.getMessage());
        }
    }

    private static int integer(String file, NodeTuple t, String at, int min) {
        String field = ((ScalarNode) t.getKeyNode()).getValue();
        String v = scalar(file, t, at + field);
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(file, t.getValueNode(), at + field, "expected a whole number of at least " + min + ", got '"
                    + v + "'");
        }
    }

    /** A Go duration as Argo writes them: 30s, 1m, 1m30s, 500ms, 1h. */
    private static Duration duration(String file, NodeTuple t, String at) {
        String field = ((ScalarNode) t.getKeyNode()).getValue();
        String v = scalar(file, t, at + field);
        Matcher m = GO_DURATION.matcher(v);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != v.length() || d.isZero()) {
            throw error(file, t.getValueNode(), at + field, "expected a positive duration such as 30s, 1m or 1m30s,"
                    + " got '" + v + "'");
        }
        return d;
    }

    private static IllegalArgumentException error(String file, Node node, String field, String why) {
        String line = node.getStartMark().map(Mark::getLine).map(l -> ":" + (l + 1)).orElse("");
        return new IllegalArgumentException(file + line + ": " + field + ": " + why);
    }
}
