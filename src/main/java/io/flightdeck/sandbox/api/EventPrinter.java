package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/**
 * The Event row of the apiserver's table (printEvent, Kubernetes 1.32): LAST SEEN, TYPE, REASON, OBJECT
 * ("pod/cart-1"), MESSAGE, and the wide SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME. The apiserver prints both
 * core/v1 and events.k8s.io/v1 Events through the internal core type, so the events.k8s.io field names (regarding,
 * note, deprecatedCount, ...) are read as their core equivalents. Stateless; any thread.
 */
final class EventPrinter {

    private EventPrinter() {
    }

    static TablePrinters.Row row(ObjectNode event, Instant now) {
        boolean v1 = event.path("apiVersion").asString("").startsWith("events.k8s.io/")
                || event.has("regarding") || event.has("note");
        JsonNode involved = event.path(v1 ? "regarding" : "involvedObject");
        JsonNode source = event.path(v1 ? "deprecatedSource" : "source");
        String reportingController = event.path(v1 ? "reportingController" : "reportingComponent").asString("");
        String reportingInstance = event.path("reportingInstance").asString("");

        String firstSeen = Durations.since(event.path(v1 ? "deprecatedFirstTimestamp" : "firstTimestamp")
                .asString(null), now);
        if (Timestamps.parse(event.path(v1 ? "deprecatedFirstTimestamp" : "firstTimestamp")) == null) {
            firstSeen = Durations.since(event.path("eventTime").asString(null), now);
        }
        JsonNode last = event.path(v1 ? "deprecatedLastTimestamp" : "lastTimestamp");
        String lastSeen = Timestamps.parse(last) == null ? firstSeen : Durations.since(last.asString(), now);

        long count = event.path(v1 ? "deprecatedCount" : "count").asLong(0);
        JsonNode series = event.path("series");
        if (series.isObject()) {
            lastSeen = Durations.since(series.path("lastObservedTime").asString(null), now);
            count = series.path("count").asLong(0);
        } else if (count == 0) {
            count = 1;
        }

        String kind = involved.path("kind").asString("").toLowerCase(Locale.ROOT);
        String name = involved.path("name").asString("");
        String target = name.isEmpty() ? kind : kind + "/" + name;

        TablePrinters.Row row = new TablePrinters.Row(null);
        return row.add(lastSeen)
                .add(event.path("type").asString(""))
                .add(event.path("reason").asString(""))
                .add(target)
                .add(involved.path("fieldPath").asString(""))
                .add(source(firstNonEmpty(source.path("component").asString(""), reportingController),
                        firstNonEmpty(source.path("host").asString(""), reportingInstance)))
                .add(event.path(v1 ? "note" : "message").asString("").strip())
                .add(firstSeen)
                .add(count)
                .add(event.path("metadata").path("name").asString(""));
    }

    private static String source(String component, String instance) {
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
