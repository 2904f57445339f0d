package io.flightdeck.ui.release;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleaseSnapshot;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the timeline names release events: a kind for the marker's colour (start, step, promote, pause, abort,
 * rollback, a gate passed, failed, inconclusive or measured, succeeded, or another change), a short label, and the
 * lines a selected event shows: release, time, actor, action, outcome and every detail (a gate's measured values
 * among them). Stateless; any thread.
 */
final class TimelineEvents {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private TimelineEvents() {
    }

    /** The marker's kind; also its style class {@code event-<kind>}. */
    static String kind(ReleaseEvent e) {
        String a = e.action();
        String o = e.outcome();
        if (a.endsWith("analysis")) {
            return switch (o) {
                case "passed" -> "gate-passed";
                case "failed", "error" -> "gate-failed";
                case "inconclusive" -> "gate-inconclusive";
                default -> "gate-measured";
            };
        }
        return switch (a) {
            case "start", "resume" -> "start";
            case "step", "abort-step" -> "failed".equals(o) ? "failed" : "step";
            case "promote", "promote-full" -> "promote";
            case "pause" -> "pause";
            case "abort" -> "abort";
            case "rollback", "switch back" -> "rollback";
            case "release" -> "succeeded";
            default -> "change";
        };
    }

    /** "analysis passed: success-rate", "step done: set weight 25%", "abort started". */
    static String label(ReleaseEvent e) {
        Map<String, String> d = e.details();
        String what = d.getOrDefault("analysis", d.getOrDefault("step", d.getOrDefault("deployment",
                d.getOrDefault("service", ""))));
        return e.action() + " " + e.outcome() + (what.isEmpty() ? "" : ": " + what);
    }

    /** One line of the events list: clock time, label, release. */
    static String row(Instant time, String label, String release) {
        return CLOCK.format(time) + "  " + label + "  (" + release + ")";
    }

    /** What a selected event shows, one line each. */
    static List<String> lines(ReleaseEvent e, ReleaseSnapshot release) {
        List<String> out = new ArrayList<>();
        out.add("Release: " + release.id() + " (" + release.plan().strategy().kind().name().toLowerCase()
                + ", " + release.phase().name().toLowerCase() + ")");
        out.add("Time: " + TIME.format(e.time()));
        out.add("Actor: " + e.actor());
        out.add("Action: " + e.action());
        out.add("Outcome: " + e.outcome());
        String why = e.details().get("message");
        if (why == null) {
            why = e.details().get("reason");
        }
        if (why != null && !why.isEmpty()) {
            out.add("Why: " + why);
        }
        for (Map.Entry<String, String> d : new TreeMap<>(e.details()).entrySet()) {
            if (!d.getKey().equals("message") && !d.getKey().equals("reason")) {
                out.add(d.getKey() + ": " + d.getValue());
            }
        }
        return out;
    }
}
