package io.flightdeck.report;

import io.flightdeck.model.ReleaseEvent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One measurement behind a release's gate, as the analysis step wrote it into the journal: the analysis step, the
 * metric, when, the values (empty for no data), the measurement's phase (SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR),
 * the condition it was judged by with its threshold (NaN when the text has none), the message, and how the gate
 * ended (passed or failed). Parsed from an {@code analysis} event's details, whose keys are {@code metric#n} and whose
 * values read {@code PHASE [values] at INSTANT: message}. Immutable; stateless parsing, any thread.
 */
public record GateMeasurement(String analysis, String metric, Instant time, List<Double> values, String phase,
                              String condition, double threshold, String message, String gate) {

    /** The journal action of an analysis that runs beside the steps, for the whole release. */
    public static final String BACKGROUND = "background-analysis";
    private static final Pattern KEY = Pattern.compile("(.+)#(\\d+)");
    private static final Pattern VALUE = Pattern.compile("(\\w+) \\[([^\\]]*)] at (\\S+Z): (.*)", Pattern.DOTALL);
    private static final Pattern CONDITION = Pattern.compile("(?:does not meet|meets) (.+)$");
    private static final Pattern NUMBER = Pattern.compile("(?:<=|>=|==|!=|<|>)\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)");

    public GateMeasurement {
        values = List.copyOf(values);
        condition = condition == null ? "" : condition;
        message = message == null ? "" : message;
    }

    /** The last value, or NaN when the measurement had no data. */
    public double value() {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    /**
     * The measurements in an {@code analysis} or {@code background-analysis} event's details (none for other events),
     * in the order measured; a background analysis is named "background NAME".
     */
    public static List<GateMeasurement> of(ReleaseEvent e) {
        if (!"analysis".equals(e.action()) && !BACKGROUND.equals(e.action())) {
            return List.of();
        }
        List<GateMeasurement> out = new ArrayList<>();
        String analysis = (BACKGROUND.equals(e.action()) ? "background " : "")
                + e.details().getOrDefault("analysis", "");
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            Matcher k = KEY.matcher(d.getKey());
            if (k.matches()) {
                parse(analysis, k.group(1), d.getValue(), e.outcome()).ifPresent(out::add);
            }
        }
        out.sort(java.util.Comparator.comparing(GateMeasurement::time).thenComparing(GateMeasurement::metric));
        return out;
    }

    static Optional<GateMeasurement> parse(String analysis, String metric, String text, String gate) {
        Matcher m = VALUE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant time;
        try {
            time = Instant.parse(m.group(3));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>();
        for (String v : m.group(2).split(",")) {
            if (!v.isBlank()) {
                try {
                    values.add(Double.parseDouble(v.trim()));
                } catch (NumberFormatException ex) {
                    values.add(Double.NaN);
                }
            }
        }
        String message = m.group(4);
        Matcher c = CONDITION.matcher(message);
        String condition = c.find() ? c.group(1).trim() : "";
        Matcher n = NUMBER.matcher(condition);
        double threshold = n.find() ? Double.parseDouble(n.group(1)) : Double.NaN;
        return Optional.of(new GateMeasurement(analysis, metric, time, values, m.group(1), condition, threshold,
                message, gate));
    }
}
