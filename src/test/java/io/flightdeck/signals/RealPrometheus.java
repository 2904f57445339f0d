package io.flightdeck.signals;

import io.flightdeck.sandbox.sim.SandboxPrometheus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) for tests, scraping the given target every second;
 * {@link #available()} says whether the binary is installed.
 */
public final class RealPrometheus implements AutoCloseable {

    private final SandboxPrometheus prometheus;

    private RealPrometheus(SandboxPrometheus prometheus) {
        this.prometheus = prometheus;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/prometheus"));
    }

    public static RealPrometheus start(String target) throws IOException, InterruptedException {
        return new RealPrometheus(SandboxPrometheus.start(Path.of("/usr/bin/prometheus"), target));
    }

    public String url() {
        return prometheus.url();
    }

    /** Stops the server, as when Prometheus goes away in the middle of an analysis. */
    public void stop() {
        prometheus.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
