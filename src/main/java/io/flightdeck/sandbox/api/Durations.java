package io.flightdeck.sandbox.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Human-readable durations exactly as k8s.io/apimachinery/pkg/util/duration writes them ("5s", "3m2s", "2d3h",
 * "3y12d"): the apiserver's AGE cells and "(30s ago)" restart suffixes. Named Durations so that it does not shadow
 * {@link java.time.Duration}. Stateless; any thread.
 */
public final class Durations {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private Durations() {
    }

    /** duration.HumanDuration: about two or three significant figures. */
    public static String human(Duration d) {
        long nanos = nanos(d);
        long seconds = (long) (nanos / 1e9);
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = nanos / MINUTE;
        if (minutes < 10) {
            long s = (nanos / SECOND) % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = nanos / HOUR;
        if (hours < 8) {
            long m = (nanos / MINUTE) % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** duration.ShortHumanDuration: one unit only ("45s", "3m", "5h", "12d", "2y"). */
    public static String shortHuman(Duration d) {
        long nanos = nanos(d);
        long seconds = (long) (nanos / 1e9);
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = (long) (nanos / 6e10);
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = (long) (nanos / 3.6e12);
        if (hours < 24) {
            return hours + "h";
        } else if (hours < 24 * 365) {
            return hours / 24 + "d";
        }
        return (long) (nanos / 3.6e12 / 24 / 365) + "y";
    }

    /**
     * The printers' translateTimestampSince: the age of a metav1.Time or MicroTime string at {@code now}, or
     * "&lt;unknown&gt;" when the timestamp is missing or null.
     */
    public static String since(String timestamp, Instant now) {
        Instant t = Timestamps.parse(timestamp);
        return t == null ? "<unknown>" : human(Duration.between(t, now));
    }

    /** Go's time.Duration is an int64 of nanoseconds and saturates; so does this. */
    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
