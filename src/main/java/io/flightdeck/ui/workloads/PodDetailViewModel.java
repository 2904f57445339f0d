package io.flightdeck.ui.workloads;

import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeKind;
import io.flightdeck.model.ProbeState;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The probe detail of the selected pod, rebuilt from the selected Deployment's detail; the property changes only
 * when something shown changed. FX thread or a test thread.
 */
public final class PodDetailViewModel {

    /** How many of the pod's recent warning events are listed. */
    public static final int FAILURES_SHOWN = 8;

    private final ReadOnlyObjectWrapper<PodDetail> detail = new ReadOnlyObjectWrapper<>();

    /** Shows the pod named {@code name} among {@code pods} (null name: none), with ages at {@code now}. */
    public void show(String name, List<PodSnapshot> pods, List<EventSnapshot> events, Instant now) {
        if (name == null) {
            set(null);
            return;
        }
        PodSnapshot pod = null;
        for (PodSnapshot p : pods) {
            if (p.name().equals(name)) {
                pod = p;
                break;
            }
        }
        set(pod == null ? PodDetail.gone(name) : build(pod, events, now));
    }

    private void set(PodDetail next) {
        if (next == null ? detail.get() != null : !next.equals(detail.get())) {
            detail.set(next);
        }
    }

    static PodDetail build(PodSnapshot pod, List<EventSnapshot> events, Instant now) {
        Map<ProbeKind, ProbeState> configured = new EnumMap<>(ProbeKind.class);
        if (pod.probes() != null) {
            pod.probes().forEach(p -> configured.put(p.kind(), p));
        }
        List<PodDetail.Probe> probes = new ArrayList<>();
        for (ProbeKind kind : ProbeKind.values()) {
            ProbeState p = configured.get(kind);
            if (p == null || p.health() == ProbeHealth.NONE && (p.configured() == null || p.configured().isBlank())) {
                probes.add(new PodDetail.Probe(kind, ProbeHealth.NONE, "not configured", null, null));
            } else {
                probes.add(new PodDetail.Probe(kind, p.health(), p.configured(), p.lastFailure(),
                        p.lastFailureAt() == null ? null : Ages.since(p.lastFailureAt(), now)));
            }
        }
        List<PodDetail.Failure> failures = new ArrayList<>();
        for (EventSnapshot e : events) {
            if (failures.size() >= FAILURES_SHOWN) {
                break;
            }
            if (e.warning() && "Pod".equals(e.objectKind()) && pod.name().equals(e.objectName())) {
                failures.add(new PodDetail.Failure(e.reason(), e.message(), e.count(), Ages.since(e.lastSeen(), now)));
            }
        }
        return new PodDetail(pod.name(), false, pod.status(), PodTone.of(pod), pod.ready(), pod.restarts(),
                pod.lastTerminationReason(), nz(pod.node()), nz(pod.podIp()), nz(pod.image()),
                nz(pod.podTemplateHash()), Ages.since(pod.created(), now), probes, failures);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public ReadOnlyObjectProperty<PodDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }
}
