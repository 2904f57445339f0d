package io.flightdeck.ui.workloads;

import java.time.Duration;
import java.time.Instant;

/** Formats ages the way kubectl prints them ("45s", "3m20s", "2h5m", "4d"). Pure functions; any thread. */
final class Ages {

    private Ages() {
    }

    /** The age of something made at {@code then}, at {@code now}; "?" when unknown. */
    static String since(Instant then, Instant now) {
        if (then == null) {
            return "?";
        }
        return of(Duration.between(then, now));
    }

    static String of(Duration age) {
        long s = Math.max(0, age.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            long rest = s % 60;
            return rest == 0 ? m + "m" : m + "m" + rest + "s";
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            long rest = m % 60;
            return rest == 0 ? h + "h" : h + "h" + rest + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        long d = h / 24;
        if (d < 8) {
            long rest = h % 24;
            return rest == 0 ? d + "d" : d + "d" + rest + "h";
        }
        if (d < 365 * 2) {
            return d + "d";
        }
        return d / 365 + "y";
    }

    /** The tag of an image reference: "registry:5000/shop/app:2.1" gives "2.1"; none gives "latest". */
    static String tag(String image) {
        if (image == null || image.isEmpty()) {
            return "";
        }
        String ref = image;
        int digest = ref.indexOf('@');
        if (digest >= 0) {
            return ref.substring(digest + 1, Math.min(ref.length(), digest + 20));
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? ref.substring(colon + 1) : "latest";
    }
}
