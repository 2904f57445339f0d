package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.server.PodLogSource;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the sandbox's containers write to stdout: a start-up banner, then access-log lines for the requests the
 * container serves, two per simulated second, with status codes and latencies drawn from its image's behaviour
 * (so a {@code -errors} version logs 5xx lines and errors), and, for a crashed container's previous instance, the
 * lines up to its end. Lines are derived, not stored: the same pod and second always give the same line, and only the
 * last {@value #MAX_LINES} are kept, like a rotated container log. Request threads read; a daemon thread feeds
 * followers once a second.
 */
public final class SimulatedLogs implements PodLogSource, AutoCloseable {

    static final int MAX_LINES = 1_000;
    private static final int LINES_PER_SECOND = 2;
    private static final String[] PATHS = {"/", "/api/items", "/api/cart", "/api/checkout", "/healthz", "/ready"};

    private final SandboxClock clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-pod-logs");
        t.setDaemon(true);
        return t;
    });

    public SimulatedLogs(SandboxClock clock) {
        this.clock = clock;
    }

    @Override
    public List<LogLine> lines(Stored pod, String container, boolean previous) {
        JsonNode cs = status(pod, container);
        if (cs == null) {
            return List.of();
        }
        JsonNode state = previous ? cs.path("lastState").path("terminated") : cs.path("state").path("running");
        Instant started = parse(state.path("startedAt").asString());
        if (started == null) {
            return List.of();
        }
        Instant end = previous ? parse(cs.path("lastState").path("terminated").path("finishedAt").asString())
                : clock.now();
        if (end == null) {
            end = clock.now();
        }
        return window(pod, container, image(pod, container), started, end, previous);
    }

    @Override
    public AutoCloseable follow(Stored pod, String container, Consumer<LogLine> sink) {
        JsonNode cs = status(pod, container);
        Instant started = cs == null ? null : parse(cs.path("state").path("running").path("startedAt").asString());
        if (started == null) {
            return () -> { };
        }
        String image = image(pod, container);
        long[] lastSecond = {seconds(started, clock.now())};
        ScheduledFuture<?> f = ticker.scheduleAtFixedRate(() -> {
            long now = seconds(started, clock.now());
            for (long s = lastSecond[0]; s < now; s++) {
                for (int i = 0; i < LINES_PER_SECOND; i++) {
                    sink.accept(line(pod, container, image, started, s, i));
                }
            }
            lastSecond[0] = now;
        }, 1, 1, TimeUnit.SECONDS);
        return () -> f.cancel(false);
    }

    /**
     * The lines a running container wrote during simulated seconds [{@code from}, {@code to}) of its uptime, for a
     * forwarder that ships them as they appear.
     */
    List<LogLine> between(Stored pod, String container, long from, long to) {
        JsonNode cs = status(pod, container);
        Instant started = cs == null ? null : parse(cs.path("state").path("running").path("startedAt").asString());
        if (started == null) {
            return List.of();
        }
        String image = image(pod, container);
        List<LogLine> out = new ArrayList<>();
        for (long s = Math.max(0, from); s < to; s++) {
            for (int i = 0; i < LINES_PER_SECOND; i++) {
                out.add(line(pod, container, image, started, s, i));
            }
        }
        return out;
    }

    /** Whole simulated seconds the container has been running, or -1 when it is not running. */
    long uptimeSeconds(Stored pod, String container) {
        JsonNode cs = status(pod, container);
        Instant started = cs == null ? null : parse(cs.path("state").path("running").path("startedAt").asString());
        return started == null ? -1 : seconds(started, clock.now());
    }

    private List<LogLine> window(Stored pod, String container, String image, Instant started, Instant end,
                                 boolean previous) {
        List<LogLine> out = new ArrayList<>();
        long total = seconds(started, end);
        long first = Math.max(0, total - MAX_LINES / LINES_PER_SECOND);
        if (first == 0) {
            ImageBehaviour b = ImageBehaviour.of(image);
            out.add(new LogLine(started, "level=info msg=\"starting " + container + " " + b.version()
                    + "\" image=" + image));
            out.add(new LogLine(started.plusMillis(b.listenAfterMillis()), "level=info msg=\"listening on :8080\""));
        }
        for (long s = first; s < total; s++) {
            for (int i = 0; i < LINES_PER_SECOND; i++) {
                out.add(line(pod, container, image, started, s, i));
            }
        }
        if (previous) {
            out.add(new LogLine(end, "level=error msg=\"health endpoint stopped answering; killed by the kubelet\""));
        }
        return out;
    }

    private static LogLine line(Stored pod, String container, String image, Instant started, long second, int i) {
        ImageBehaviour b = ImageBehaviour.of(image);
        SplittableRandom r = new SplittableRandom(pod.uid().hashCode() * 31L + container.hashCode() + second * 7919L
                + i);
        Instant t = started.plusSeconds(second).plusMillis(r.nextInt(1000));
        boolean error = b.sampleError(r);
        long latency = Math.round(b.sampleLatencyMillis(r));
        String path = PATHS[r.nextInt(PATHS.length)];
        String client = "10.244." + r.nextInt(1, 4) + "." + r.nextInt(2, 250);
        if (error) {
            return new LogLine(t, "level=error msg=\"request failed\" method=GET path=" + path
                    + " status=500 duration_ms=" + latency + " client=" + client + " err=\"upstream timeout\"");
        }
        return new LogLine(t, "level=info msg=\"request\" method=GET path=" + path + " status=200 duration_ms="
                + latency + " client=" + client);
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds());
    }

    private static JsonNode status(Stored pod, String container) {
        for (JsonNode cs : pod.object().path("status").path("containerStatuses")) {
            if (cs.path("name").asString().equals(container)) {
                return cs;
            }
        }
        return null;
    }

    private static String image(Stored pod, String container) {
        for (JsonNode c : pod.object().path("spec").path("containers")) {
            if (c.path("name").asString().equals(container)) {
                return c.path("image").asString();
            }
        }
        return "";
    }

    private static Instant parse(String t) {
        try {
            return t == null || t.isEmpty() ? null : Instant.parse(t);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
