package io.flightdeck.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live log tail of one Deployment, stable and canary/green pods alike, from the best source there is: the app's
 * Fluentd forward receiver ({@link LogBuffer} of a {@link LogForwardServer}) while it receives lines of this
 * Deployment's pods, else the pod logs from the API ({@link PodLogs}), started when the feed is missing or goes quiet
 * for {@link #QUIET} and stopped when it comes back. New lines wait in a bounded queue (oldest dropped and counted)
 * until the view takes them. {@link #follow} and {@link #take} are called from the FX thread and cheap;
 * {@link #pump} runs on a background scheduler every few hundred milliseconds and does the reading.
 */
public final class DeploymentLogTail implements AutoCloseable {

    /** How long the Fluentd feed may be silent before pod logs take over. */
    public static final Duration QUIET = Duration.ofSeconds(15);
    private static final int HISTORY = 200;

    /** Where the lines come from now. */
    public enum Source { NONE, FLUENTD, POD_LOGS }

    /** What the view takes on a tick: new lines, the source, lines dropped so far, a description of the source. */
    public record Batch(List<TailLine> lines, Source source, String description, long dropped) {
    }

    private record Target(String namespace, String app) {
    }

    private final LogBuffer forwarded;
    private final String forwardedName;
    private final PodLogs podLogs;
    private final Clock clock;
    private final int capacity;
    private final Deque<TailLine> pending = new ArrayDeque<>();
    private volatile Target requested;
    private Target current;
    private long forwardedPos;
    private Instant lastForwarded;
    private LogBuffer fallbackBuffer;
    private long fallbackPos;
    private AutoCloseable fallback;
    private Source source = Source.NONE;
    private String description = "no Deployment selected";
    private long dropped;

    /**
     * @param forwarded     the Fluentd receiver's buffer, or null when the app runs none
     * @param forwardedName how the view names the receiver, e.g. "Fluentd forward on 127.0.0.1:24224"
     * @param podLogs       the fallback, or null when there is none
     * @param capacity      how many untaken lines are kept at most
     */
    public DeploymentLogTail(LogBuffer forwarded, String forwardedName, PodLogs podLogs, Clock clock, int capacity) {
        this.forwarded = forwarded;
        this.forwardedName = forwardedName;
        this.podLogs = podLogs;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Tails {@code app} in {@code namespace} from the next pump on; null stops tailing. Any thread. */
    public void follow(String namespace, String app) {
        requested = app == null ? null : new Target(namespace, TrafficSignals.appOf(app));
    }

    /** Reads what is new from the sources; background thread. */
    public void pump() {
        Target want = requested;
        synchronized (this) {
            if (!Objects.equals(want, current)) {
                switchTo(want);
            }
            if (current == null) {
                return;
            }
            Instant now = clock.instant();
            if (forwarded != null) {
                readForwarded(now);
            }
            boolean fed = lastForwarded != null && Duration.between(lastForwarded, now).compareTo(QUIET) < 0;
            if (fed) {
                stopFallback();
                source = Source.FLUENTD;
                description = forwardedName + " (" + forwarded.position() + " lines received"
                        + (forwarded.dropped() > 0 ? ", " + forwarded.dropped() + " dropped" : "") + ")";
                return;
            }
            if (podLogs == null) {
                source = Source.NONE;
                description = forwarded == null ? "no log source" : "no lines of " + current.app() + " from "
                        + forwardedName + " and no pod logs";
                return;
            }
            if (fallback == null) {
                fallbackBuffer = new LogBuffer(capacity);
                fallbackPos = 0;
                LogBuffer into = fallbackBuffer;
                fallback = podLogs.follow(current.namespace(), current.app(), into::add);
            }
            for (LogRecord r : fallbackBuffer.since(fallbackPos)) {
                add(r);
            }
            fallbackPos = fallbackBuffer.position();
            source = Source.POD_LOGS;
            description = "pod logs from the API" + (forwarded == null ? "" : " (no lines of " + current.app()
                    + " from " + forwardedName + ")");
        }
    }

    private void switchTo(Target want) {
        stopFallback();
        pending.clear();
        current = want;
        lastForwarded = null;
        source = Source.NONE;
        description = want == null ? "no Deployment selected" : "waiting for log lines";
        if (want != null && forwarded != null) {
            // recent history of the feed, then only what is new
            Instant from = clock.instant().minus(QUIET);
            List<LogRecord> recent = new ArrayList<>();
            for (LogRecord r : forwarded.since(0)) {
                if (ours(r) && !r.time().isBefore(from)) {
                    recent.add(r);
                    lastForwarded = r.time();
                }
            }
            recent.subList(0, Math.max(0, recent.size() - HISTORY)).clear();
            recent.forEach(this::add);
        }
        forwardedPos = forwarded == null ? 0 : forwarded.position();
    }

    private void readForwarded(Instant now) {
        for (LogRecord r : forwarded.since(forwardedPos)) {
            if (ours(r)) {
                add(r);
                lastForwarded = now;
            }
        }
        forwardedPos = forwarded.position();
    }

    private boolean ours(LogRecord r) {
        if (!r.namespace().equals(current.namespace())) {
            return false;
        }
        String d = deploymentOf(r.pod(), r.labels());
        return d.equals(current.app()) || d.equals(current.app() + "-canary") || d.equals(current.app() + "-green");
    }

    /** The Deployment of a pod by its name, {@code <deployment>-<pod-template-hash>-<suffix>}. */
    static String deploymentOf(String pod, Map<String, String> labels) {
        String hash = labels.get("pod-template-hash");
        int dash = pod.lastIndexOf('-');
        String rs = dash > 0 ? pod.substring(0, dash) : pod;
        if (hash != null && rs.endsWith("-" + hash)) {
            return rs.substring(0, rs.length() - hash.length() - 1);
        }
        int second = rs.lastIndexOf('-');
        return second > 0 ? rs.substring(0, second) : rs;
    }

    private void add(LogRecord r) {
        String track = r.labels().getOrDefault("flightdeck.io/track", "stable");
        pending.addLast(new TailLine(r.time(), track, r.pod(), r.message(), r.error()));
        while (pending.size() > capacity) {
            pending.removeFirst();
            dropped++;
        }
    }

    private void stopFallback() {
        if (fallback != null) {
            try {
                fallback.close();
            } catch (Exception e) {
                // closing a follow that already ended
            }
            fallback = null;
            fallbackBuffer = null;
        }
    }

    /** The lines not taken yet and where they come from; any thread (the view's tick). */
    public synchronized Batch take() {
        List<TailLine> out = new ArrayList<>(pending);
        pending.clear();
        return new Batch(out, source, description, dropped);
    }

    @Override
    public synchronized void close() {
        requested = null;
        current = null;
        stopFallback();
    }
}
