package io.flightdeck.app;

import io.flightdeck.signals.LogBuffer;
import io.flightdeck.signals.LogForwardServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * The application's Fluentd forward receiver on 127.0.0.1: on the port asked for, or on 24224 by default and any
 * free port when that one is taken, into a bounded {@link LogBuffer}. A receiver that cannot start is logged and
 * absent (the log view then falls back to pod logs). Made on the main thread; closed when the app stops.
 */
public final class LogReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogReceiver.class);
    static final int CAPACITY = 20_000;

    private final LogForwardServer server;

    private LogReceiver(LogForwardServer server) {
        this.server = server;
    }

    /** Starts a receiver as the settings ask, or none. */
    public static Optional<LogReceiver> start(SignalSettings settings) {
        if (!settings.receiveLogs()) {
            return Optional.empty();
        }
        LogBuffer buffer = new LogBuffer(CAPACITY);
        int port = settings.forwardPort().orElse(SignalSettings.DEFAULT_FORWARD_PORT);
        try {
            return Optional.of(new LogReceiver(LogForwardServer.onLoopback(buffer, port)));
        } catch (IOException e) {
            if (settings.forwardPort().isPresent()) {
                LOG.warn("Cannot receive Fluentd forward logs on 127.0.0.1:{}: {}", port, e.getMessage());
                return Optional.empty();
            }
            try {
                LogReceiver any = new LogReceiver(LogForwardServer.onLoopback(buffer, 0));
                LOG.info("Port {} is taken; receiving Fluentd forward logs on {}", port, any.hostPort());
                return Optional.of(any);
            } catch (IOException again) {
                LOG.warn("Cannot receive Fluentd forward logs: {}", again.getMessage());
                return Optional.empty();
            }
        }
    }

    /** Where forwarders send to: {@code 127.0.0.1:PORT}. */
    public String hostPort() {
        return "127.0.0.1:" + server.port();
    }

    public LogBuffer buffer() {
        return server.buffer();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the forward receiver: {}", e.getMessage());
        }
    }
}
