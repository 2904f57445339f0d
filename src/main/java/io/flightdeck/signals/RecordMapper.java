package io.flightdeck.signals;

import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one forwarded record (a msgpack map) into a {@link LogRecord}: the text from {@code log} or {@code message},
 * the pod from {@code kubernetes.pod_name}, {@code namespace_name}, {@code container_name} and {@code labels} as
 * Fluentd's kubernetes metadata filter writes them, and whether it is an error line. Stateless; any thread.
 */
final class RecordMapper {

    private static final Pattern ERROR_LEVEL = Pattern.compile(
            "(?i)(\\blevel[=:]\\s*\"?(error|fatal|critical)\\b|^\\s*(ERROR|FATAL)\\b|\\[(error|fatal)\\])");
    private static final Pattern STATUS_5XX = Pattern.compile(
            "(\\bstatus[=:]\\s*\"?5\\d\\d\\b|\"\\s5\\d\\d\\s|\\bHTTP/\\d(\\.\\d)?\"?\\s5\\d\\d\\b)");

    private RecordMapper() {
    }

    static LogRecord map(String tag, Instant time, MapValue record) {
        Map<String, Value> fields = strings(record);
        String message = text(fields.get("log"));
        if (message.isEmpty()) {
            message = text(fields.get("message"));
        }
        message = message.stripTrailing();
        String namespace = "";
        String pod = "";
        String container = "";
        Map<String, String> labels = Map.of();
        Value k8s = fields.get("kubernetes");
        if (k8s != null && k8s.isMapValue()) {
            Map<String, Value> k = strings(k8s.asMapValue());
            namespace = text(k.get("namespace_name"));
            pod = text(k.get("pod_name"));
            container = text(k.get("container_name"));
            Value l = k.get("labels");
            if (l != null && l.isMapValue()) {
                Map<String, String> m = new LinkedHashMap<>();
                strings(l.asMapValue()).forEach((key, v) -> m.put(key, text(v)));
                labels = Map.copyOf(m);
            }
        }
        boolean error = isError(message) || "error".equalsIgnoreCase(text(fields.get("level")))
                || statusCode(fields.get("status")) >= 500 || statusCode(fields.get("code")) >= 500;
        return new LogRecord(time, tag, namespace, pod, container, labels, message, error);
    }

    static boolean isError(String line) {
        boolean maybeLevel = line.contains("rror") || line.contains("RROR") || line.contains("atal")
                || line.contains("ATAL") || line.contains("ritical");
        boolean maybeStatus = line.indexOf('5') >= 0;
        return maybeLevel && ERROR_LEVEL.matcher(line).find() || maybeStatus && STATUS_5XX.matcher(line).find();
    }

    private static int statusCode(Value v) {
        if (v == null) {
            return 0;
        }
        if (v.isIntegerValue()) {
            return v.asIntegerValue().toInt();
        }
        try {
            return Integer.parseInt(text(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Value> strings(MapValue m) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : m.map().entrySet()) {
            out.put(text(e.getKey()), e.getValue());
        }
        return out;
    }

    static String text(Value v) {
        if (v == null || v.isNilValue()) {
            return "";
        }
        if (v.isStringValue()) {
            return v.asStringValue().asString();
        }
        if (v.isBinaryValue()) {
            return new String(v.asBinaryValue().asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return v.toString();
    }
}
