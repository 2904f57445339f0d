package io.flightdeck.ui.workloads;

import io.flightdeck.model.ConnectionStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The connection banner: connected, connecting, reconnecting (since when, and for how long), forbidden (the verb,
 * resource and namespace the cluster refused), unreachable (the error in plain words), or a context switch under
 * way or failed. FX thread or a test thread.
 */
public final class ConnectionBannerViewModel {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<Banner> banner = new ReadOnlyObjectWrapper<>(
            new Banner(Banner.Tone.INFO, "Connecting…"));

    public ConnectionBannerViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** Shows a switch to {@code context} under way. */
    public void showSwitching(String context) {
        set(new Banner(Banner.Tone.INFO, "Connecting to " + context + "…"));
    }

    /** Shows that a switch failed: {@code contextAndWhy} is "context: why". */
    public void showSwitchFailed(String contextAndWhy) {
        set(new Banner(Banner.Tone.DANGER, "Could not open " + contextAndWhy));
    }

    /** Shows {@code status} as of {@code now}. */
    public void show(ConnectionStatus status, Instant now) {
        set(describe(status, now, zone));
    }

    static Banner describe(ConnectionStatus status, Instant now, ZoneId zone) {
        if (status == null) {
            return new Banner(Banner.Tone.INFO, "Connecting…");
        }
        String cluster = status.cluster() == null || status.cluster().isBlank() ? "the cluster" : status.cluster();
        String detail = status.detail() == null ? "" : status.detail().strip();
        return switch (status.state()) {
            case CONNECTING -> new Banner(Banner.Tone.INFO, "Connecting to " + cluster
                    + (detail.startsWith("connecting to ") ? " (" + detail.substring(14) + ")…" : "…" + suffix(detail)));
            case CONNECTED -> new Banner(Banner.Tone.OK, "Connected to " + cluster + suffix(detail));
            case RECONNECTING -> new Banner(Banner.Tone.WARN, "Reconnecting to " + cluster + since(status.since(),
                    now, zone) + "; showing what was last seen" + suffix(detail));
            case FORBIDDEN -> new Banner(Banner.Tone.WARN, "Forbidden on " + cluster + ": "
                    + (detail.isEmpty() ? "the cluster refused a request" : strip(detail, "forbidden: "))
                    + " — what is allowed is still shown");
            case UNREACHABLE -> new Banner(Banner.Tone.DANGER, cluster + " is unreachable: "
                    + (detail.isEmpty() ? "no answer" : detail));
        };
    }

    private static String strip(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length()) ? text.substring(prefix.length()) : text;
    }

    private static String suffix(String detail) {
        return detail.isEmpty() ? "" : " — " + detail;
    }

    private static String since(Instant since, Instant now, ZoneId zone) {
        if (since == null) {
            return "";
        }
        Duration gone = Duration.between(since, now);
        return " since " + CLOCK.format(since.atZone(zone)) + " (" + Ages.of(gone) + ")";
    }

    private void set(Banner next) {
        if (!next.equals(banner.get())) {
            banner.set(next);
        }
    }

    public ReadOnlyObjectProperty<Banner> bannerProperty() {
        return banner.getReadOnlyProperty();
    }
}
