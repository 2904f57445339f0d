package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads metav1.Time and metav1.MicroTime values from object trees the way Go decodes them: RFC 3339 with or without
 * fractional seconds, any offset; null, empty or Go's zero time mean "not set". Stateless; any thread.
 */
final class Timestamps {

    /** Go's zero time.Time, 0001-01-01T00:00:00Z, which metav1.Time.IsZero() reports as unset. */
    static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private Timestamps() {
    }

    /** The instant of a timestamp string, or null when it is missing, empty, Go's zero time or not RFC 3339. */
    static Instant parse(String value) {
        if (value == null || value.isEmpty() || value.equals("null")) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(value).toInstant();
            return t.equals(GO_ZERO) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant at a JSON node holding a timestamp string, or null. */
    static Instant parse(JsonNode node) {
        return node != null && node.isString() ? parse(node.asString()) : null;
    }

    /** Go's time.RFC3339 layout in UTC, whole seconds: "2025-06-01T10:00:00Z". */
    static String rfc3339(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
