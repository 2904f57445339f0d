package io.flightdeck.app;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the GUI takes its signals from, as the command line said: a Prometheus URL ({@code --prometheus}), and the
 * port of its Fluentd forward receiver ({@code --forward-port}; empty: 24224, or any free port when taken), or no
 * receiver at all (tests). Immutable.
 */
public record SignalSettings(Optional<String> prometheus, OptionalInt forwardPort, boolean receiveLogs) {

    /** No Prometheus given, no log receiver: what tests of the window use. */
    public static final SignalSettings NONE = new SignalSettings(Optional.empty(), OptionalInt.empty(), false);

    public static final int DEFAULT_FORWARD_PORT = 24224;

    public static SignalSettings of(LaunchOptions options) {
        return new SignalSettings(options.prometheus(), options.forwardPort(), true);
    }
}
