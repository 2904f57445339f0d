package io.flightdeck.signals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a free loopback port, scraping the given
 * target every second, with its data in a temporary folder. For tests; {@link #available()} says whether the binary
 * is installed.
 */
public final class RealPrometheus implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private RealPrometheus(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/prometheus"));
    }

    /** Starts Prometheus scraping {@code target} ("127.0.0.1:PORT") and waits until it is ready. */
    public static RealPrometheus start(String target) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                - job_name: sandbox
                  static_configs:
                  - targets: ['%s']
                """.formatted(target));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        RealPrometheus prom = new RealPrometheus(p, port, dir);
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
                throw new IOException("prometheus exited: " + Files.readString(dir.resolve("log")));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        prom.close();
        throw new IOException("prometheus did not become ready in 30 s");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server, as when Prometheus goes away in the middle of an analysis. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
