package io.flightdeck.ui.workloads;

import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeKind;

import java.util.List;

/**
 * The probe detail of the selected pod: status, readiness, restarts and last termination reason, where it runs, its
 * configured probes with their health and last failure, and its recent probe failures and restarts from Events.
 * {@code gone} when the pod no longer exists. Immutable.
 */
public record PodDetail(String name, boolean gone, String status, PodTone tone, boolean ready, int restarts,
                        String lastTermination, String node, String podIp, String image, String hash, String age,
                        List<Probe> probes, List<Failure> failures) {

    public PodDetail {
        probes = List.copyOf(probes);
        failures = List.copyOf(failures);
    }

    /** One configured probe (or a note that it is not configured). */
    public record Probe(ProbeKind kind, ProbeHealth health, String configured, String lastFailure,
                        String lastFailureAge) {
    }

    /** One recent warning event of the pod ("Unhealthy", "BackOff", "Killing", ...). */
    public record Failure(String reason, String message, int count, String age) {
    }

    static PodDetail gone(String name) {
        return new PodDetail(name, true, "Gone", PodTone.TERMINATING, false, 0, null, "", "", "", "", "",
                List.of(), List.of());
    }
}
