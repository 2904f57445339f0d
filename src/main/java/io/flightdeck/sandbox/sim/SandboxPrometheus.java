package io.flightdeck.sandbox.sim;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus process for the sandbox, when a {@code prometheus} binary is on the PATH: started on a free
 * loopback port with its data in a temporary folder, scraping the sandbox's pod metrics every second, so the app's
 * gates and tiles have a real Prometheus to ask. Started and stopped by the sandbox cluster's thread.
 */
public final class SandboxPrometheus implements AutoCloseable {

    private final Process process;
    private final int port;

    private SandboxPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The prometheus binary on the PATH, if any. */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "prometheus");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Starts Prometheus scraping {@code target} ("127.0.0.1:PORT") and waits until it answers ready. */
    public static SandboxPrometheus start(Path binary, String target) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("flightdeck-prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, scrapeConfig(target, 1));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--storage.tsdb.retention.time=2h",
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        SandboxPrometheus prom = new SandboxPrometheus(p, port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(prom.url() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return prom;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!p.isAlive()) {
                throw new IOException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        prom.close();
        throw new IOException("prometheus did not become ready within 30 s");
    }

    /** A Prometheus configuration that scrapes {@code target} ("host:port") every {@code seconds}. */
    public static String scrapeConfig(String target, int seconds) {
        return """
                global:
                  scrape_interval: %1$ds
                  evaluation_interval: %1$ds
                scrape_configs:
                - job_name: flightdeck-sandbox
                  metrics_path: /metrics
                  static_configs:
                  - targets: ['%2$s']
                """.formatted(seconds, target);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the process, as when Prometheus goes away. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
