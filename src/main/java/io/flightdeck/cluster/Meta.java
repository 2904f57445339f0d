package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Small readers of object metadata shared by the snapshot builders. Stateless; any thread. */
final class Meta {

    static final String TEMPLATE_HASH = "pod-template-hash";
    static final String REVISION = "deployment.kubernetes.io/revision";

    private Meta() {
    }

    /** The uid of the object's controlling owner of the given kind, or null. */
    static String controllerUid(HasMetadata o, String kind) {
        ObjectMeta m = o.getMetadata();
        if (m == null || m.getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference r : m.getOwnerReferences()) {
            if (Boolean.TRUE.equals(r.getController()) && kind.equals(r.getKind())) {
                return r.getUid();
            }
        }
        return null;
    }

    static String uid(HasMetadata o) {
        return o.getMetadata() == null ? null : o.getMetadata().getUid();
    }

    static String namespace(HasMetadata o) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        return ns == null ? "" : ns;
    }

    static String name(HasMetadata o) {
        String n = o.getMetadata() == null ? null : o.getMetadata().getName();
        return n == null ? "" : n;
    }

    static String label(HasMetadata o, String key) {
        Map<String, String> labels = o.getMetadata() == null ? null : o.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    static String annotation(HasMetadata o, String key) {
        Map<String, String> a = o.getMetadata() == null ? null : o.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    static Instant created(HasMetadata o) {
        return o.getMetadata() == null ? null : time(o.getMetadata().getCreationTimestamp());
    }

    static boolean deleting(HasMetadata o) {
        return o.getMetadata() != null && o.getMetadata().getDeletionTimestamp() != null
                && !o.getMetadata().getDeletionTimestamp().isEmpty();
    }

    /** An RFC 3339 time as the API server writes it, or null when absent or malformed. */
    static Instant time(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    static long revision(HasMetadata o) {
        String r = annotation(o, REVISION);
        if (r == null) {
            return 0;
        }
        try {
            return Long.parseLong(r.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
