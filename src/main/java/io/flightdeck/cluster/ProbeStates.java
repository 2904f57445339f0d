package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeKind;
import io.flightdeck.model.ProbeState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The startup, readiness and liveness probes of a pod's main container: what is configured, in words ("HTTP GET
 * :8080/ready every 5s, timeout 1s, 3 failures"), whether it passes now, from the container's ready and started
 * flags and the kubelet's Unhealthy events since the container started ("Readiness probe failed: ..."), and its most
 * recent failure. Stateless; any thread.
 */
final class ProbeStates {

    private ProbeStates() {
    }

    /** Always three entries, STARTUP, READINESS, LIVENESS; an unconfigured probe has health NONE. */
    static List<ProbeState> of(Container main, ContainerStatus status, Collection<EventSnapshot> podEvents,
                               Instant now) {
        List<ProbeState> result = new ArrayList<>(3);
        for (ProbeKind kind : ProbeKind.values()) {
            Probe probe = main == null ? null : switch (kind) {
                case STARTUP -> main.getStartupProbe();
                case READINESS -> main.getReadinessProbe();
                case LIVENESS -> main.getLivenessProbe();
            };
            EventSnapshot failure = lastFailure(kind, podEvents);
            ProbeHealth health = probe == null ? ProbeHealth.NONE
                    : health(kind, probe, main, status, failure, now);
            result.add(new ProbeState(kind, health, probe == null ? null : describe(probe),
                    failure == null ? null : failure.message(), failure == null ? null : failure.lastSeen()));
        }
        return List.copyOf(result);
    }

    private static ProbeHealth health(ProbeKind kind, Probe probe, Container main, ContainerStatus status,
                                      EventSnapshot failure, Instant now) {
        if (status == null || status.getState() == null) {
            return ProbeHealth.PENDING;
        }
        Instant failedAt = failure == null ? null : failure.lastSeen();
        if (status.getState().getRunning() == null) {
            ContainerStateTerminated last = status.getLastState() == null ? null
                    : status.getLastState().getTerminated();
            boolean killedByIt = kind != ProbeKind.READINESS && last != null && failedAt != null
                    && !failedAt.isBefore(orEpoch(Meta.time(last.getStartedAt())));
            return killedByIt ? ProbeHealth.FAILING : ProbeHealth.PENDING;
        }
        Instant started = orEpoch(Meta.time(status.getState().getRunning().getStartedAt()));
        boolean failedSinceStart = failedAt != null && !failedAt.isBefore(started);
        switch (kind) {
            case STARTUP -> {
                if (Boolean.TRUE.equals(status.getStarted())) {
                    return ProbeHealth.PASSING;
                }
                return failedSinceStart ? ProbeHealth.FAILING : ProbeHealth.PENDING;
            }
            case READINESS -> {
                if (Boolean.TRUE.equals(status.getReady())) {
                    return ProbeHealth.PASSING;
                }
                if (main.getStartupProbe() != null && !Boolean.TRUE.equals(status.getStarted())) {
                    return ProbeHealth.PENDING;
                }
                return failedSinceStart ? ProbeHealth.FAILING : ProbeHealth.PENDING;
            }
            default -> {
                if (main.getStartupProbe() != null && !Boolean.TRUE.equals(status.getStarted())) {
                    return ProbeHealth.PENDING;
                }
                long period = Math.max(1, orDefault(probe.getPeriodSeconds(), 10));
                Duration window = Duration.ofSeconds(period * 2 + 1);
                boolean recent = failedSinceStart && !failedAt.isBefore(now.minus(window));
                return recent ? ProbeHealth.FAILING : ProbeHealth.PASSING;
            }
        }
    }

    /** The newest Unhealthy event of this probe kind ("Liveness probe failed: ..."), or null. */
    static EventSnapshot lastFailure(ProbeKind kind, Collection<EventSnapshot> podEvents) {
        String prefix = switch (kind) {
            case STARTUP -> "Startup probe";
            case READINESS -> "Readiness probe";
            case LIVENESS -> "Liveness probe";
        };
        EventSnapshot best = null;
        for (EventSnapshot e : podEvents) {
            if (!"Unhealthy".equals(e.reason()) || e.message() == null || !e.message().startsWith(prefix)) {
                continue;
            }
            if (best == null || (e.lastSeen() != null && (best.lastSeen() == null
                    || e.lastSeen().isAfter(best.lastSeen())))) {
                best = e;
            }
        }
        return best;
    }

    /** "HTTP GET :8080/ready every 5s, timeout 1s, 3 failures, initial delay 3s". */
    static String describe(Probe p) {
        String what;
        if (p.getHttpGet() != null) {
            var h = p.getHttpGet();
            String path = h.getPath() == null || h.getPath().isEmpty() ? "/" : h.getPath();
            if (!path.startsWith("/")) {
                path = "/" + path;
            }
            String scheme = "HTTPS".equalsIgnoreCase(h.getScheme()) ? "HTTPS" : "HTTP";
            what = scheme + " GET " + nullToEmpty(h.getHost()) + ":" + port(h.getPort()) + path;
        } else if (p.getTcpSocket() != null) {
            what = "TCP " + nullToEmpty(p.getTcpSocket().getHost()) + ":" + port(p.getTcpSocket().getPort());
        } else if (p.getExec() != null) {
            what = "exec " + String.join(" ", PodStatusText.list(p.getExec().getCommand()));
        } else if (p.getGrpc() != null) {
            String service = p.getGrpc().getService();
            what = "gRPC :" + p.getGrpc().getPort() + (service == null || service.isEmpty() ? "" : " " + service);
        } else {
            what = "probe";
        }
        StringBuilder b = new StringBuilder(what);
        b.append(" every ").append(orDefault(p.getPeriodSeconds(), 10)).append('s');
        b.append(", timeout ").append(orDefault(p.getTimeoutSeconds(), 1)).append('s');
        int failures = orDefault(p.getFailureThreshold(), 3);
        b.append(", ").append(failures).append(failures == 1 ? " failure" : " failures");
        int successes = orDefault(p.getSuccessThreshold(), 1);
        if (successes > 1) {
            b.append(", ").append(successes).append(" successes");
        }
        int delay = orDefault(p.getInitialDelaySeconds(), 0);
        if (delay > 0) {
            b.append(", initial delay ").append(delay).append('s');
        }
        return b.toString();
    }

    private static String port(IntOrString port) {
        if (port == null) {
            return "";
        }
        return port.getIntVal() != null ? port.getIntVal().toString() : nullToEmpty(port.getStrVal());
    }

    private static int orDefault(Integer i, int d) {
        return i == null || i <= 0 ? d : i;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Instant orEpoch(Instant t) {
        return t == null ? Instant.EPOCH : t;
    }
}
