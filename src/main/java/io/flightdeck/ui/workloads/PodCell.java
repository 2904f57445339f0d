package io.flightdeck.ui.workloads;

import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeKind;
import io.flightdeck.model.ProbeState;

/**
 * What one cell of the pod grid shows: the pod's name and the short part of it the cell prints, its tone, status
 * text, readiness, restarts, the health of its startup, readiness and liveness probes, and its revision's hash; two
 * cells are equal when they look the same. Immutable.
 */
public record PodCell(String name, String shortName, PodTone tone, String status, boolean ready, int restarts,
                      ProbeHealth startup, ProbeHealth readiness, ProbeHealth liveness, String hash) {

    public static PodCell of(PodSnapshot pod) {
        ProbeHealth[] probes = {ProbeHealth.NONE, ProbeHealth.NONE, ProbeHealth.NONE};
        if (pod.probes() != null) {
            for (ProbeState probe : pod.probes()) {
                probes[probe.kind().ordinal()] = probe.health();
            }
        }
        String status = pod.status() == null || pod.status().isEmpty() ? String.valueOf(pod.phase()) : pod.status();
        return new PodCell(pod.name(), shortName(pod.name()), PodTone.of(pod), status, pod.ready(), pod.restarts(),
                probes[ProbeKind.STARTUP.ordinal()], probes[ProbeKind.READINESS.ordinal()],
                probes[ProbeKind.LIVENESS.ordinal()], pod.podTemplateHash());
    }

    /** The random suffix that tells a Deployment's pods apart: "checkout-7d9c5f8b4-x2x4q" gives "x2x4q". */
    static String shortName(String name) {
        int dash = name.lastIndexOf('-');
        return dash >= 0 && dash < name.length() - 1 ? name.substring(dash + 1) : name;
    }

    public ProbeHealth probe(ProbeKind kind) {
        return switch (kind) {
            case STARTUP -> startup;
            case READINESS -> readiness;
            case LIVENESS -> liveness;
        };
    }
}
