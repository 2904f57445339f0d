package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few protobuf request bodies the sandbox accepts: kubectl 1.31+ sends its typed clients' requests as
 * protobuf ({@code application/vnd.kubernetes.protobuf}), among them the SelfSubjectAccessReview of
 * {@code kubectl auth can-i}. The envelope is Kubernetes' {@code k8s\0} + runtime.Unknown; only the kinds below are
 * decoded, other kinds get a 415 that says so. Stateless; request threads.
 */
final class ProtobufBodies {

    static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufBodies() {
    }

    static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.split(";")[0].trim().equals(CONTENT_TYPE);
    }

    /** The JSON form of a protobuf body, or a 415/400 ApiException. */
    static ObjectNode toJson(byte[] body) {
        if (body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2] || body[3] != 0) {
            throw ApiException.badRequest("the protobuf body does not start with the Kubernetes envelope (k8s\\0)");
        }
        Reader unknown = new Reader(body, 4, body.length);
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        while (unknown.more()) {
            int key = unknown.varint32();
            int field = key >>> 3;
            if (field == 1 && (key & 7) == 2) {
                Reader tm = unknown.message();
                while (tm.more()) {
                    int k = tm.varint32();
                    if (k >>> 3 == 1) {
                        apiVersion = tm.string();
                    } else if (k >>> 3 == 2) {
                        kind = tm.string();
                    } else {
                        tm.skip(k & 7);
                    }
                }
            } else if (field == 2 && (key & 7) == 2) {
                raw = unknown.bytes();
            } else {
                unknown.skip(key & 7);
            }
        }
        if (kind.equals("SelfSubjectAccessReview")) {
            return accessReview(apiVersion, raw);
        }
        if (kind.equals("Namespace") || kind.equals("ConfigMap")) {
            return metaAndData(apiVersion, kind, raw);
        }
        throw new ApiException(415, "UnsupportedMediaType", "the sandbox reads protobuf request bodies only for "
                + "SelfSubjectAccessReview, Namespace and ConfigMap; send " + (kind.isEmpty() ? "this object" : kind)
                + " as application/json (for kubectl, use `kubectl apply -f` with a manifest)");
    }

    private static ObjectNode accessReview(String apiVersion, byte[] raw) {
        ObjectNode review = Json.object();
        review.put("apiVersion", apiVersion.isEmpty() ? "authorization.k8s.io/v1" : apiVersion);
        review.put("kind", "SelfSubjectAccessReview");
        review.putObject("metadata");
        ObjectNode spec = review.putObject("spec");
        Reader r = new Reader(raw, 0, raw.length);
        while (r.more()) {
            int key = r.varint32();
            if (key >>> 3 == 2 && (key & 7) == 2) {
                Reader s = r.message();
                while (s.more()) {
                    int k = s.varint32();
                    if (k >>> 3 == 1 && (k & 7) == 2) {
                        spec.set("resourceAttributes", strings(s.message(), "namespace", "verb", "group", "version",
                                "resource", "subresource", "name"));
                    } else if (k >>> 3 == 2 && (k & 7) == 2) {
                        spec.set("nonResourceAttributes", strings(s.message(), "path", "verb"));
                    } else {
                        s.skip(k & 7);
                    }
                }
            } else {
                r.skip(key & 7);
            }
        }
        return review;
    }

    /**
     * A Namespace or ConfigMap ({@code kubectl create namespace|configmap}): metadata name, generateName, namespace,
     * labels and annotations (ObjectMeta fields 1, 2, 3, 11, 12) and, for a ConfigMap, its data (field 2).
     */
    private static ObjectNode metaAndData(String apiVersion, String kind, byte[] raw) {
        ObjectNode o = Json.object();
        o.put("apiVersion", apiVersion.isEmpty() ? "v1" : apiVersion);
        o.put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        Reader r = new Reader(raw, 0, raw.length);
        while (r.more()) {
            int key = r.varint32();
            if (key >>> 3 == 1 && (key & 7) == 2) {
                Reader m = r.message();
                while (m.more()) {
                    int k = m.varint32();
                    int f = k >>> 3;
                    if ((k & 7) == 2 && (f == 1 || f == 2 || f == 3)) {
                        meta.put(f == 1 ? "name" : f == 2 ? "generateName" : "namespace", m.string());
                    } else if ((k & 7) == 2 && (f == 11 || f == 12)) {
                        mapEntry(m.message(), Json.child(meta, f == 11 ? "labels" : "annotations"));
                    } else {
                        m.skip(k & 7);
                    }
                }
            } else if (key >>> 3 == 2 && (key & 7) == 2 && kind.equals("ConfigMap")) {
                mapEntry(r.message(), Json.child(o, "data"));
            } else {
                r.skip(key & 7);
            }
        }
        return o;
    }

    private static void mapEntry(Reader e, ObjectNode into) {
        String k = "";
        String v = "";
        while (e.more()) {
            int t = e.varint32();
            if (t >>> 3 == 1 && (t & 7) == 2) {
                k = e.string();
            } else if (t >>> 3 == 2 && (t & 7) == 2) {
                v = e.string();
            } else {
                e.skip(t & 7);
            }
        }
        into.put(k, v);
    }

    /** A message of string fields numbered 1.. in the order of {@code names}; other fields are skipped. */
    private static ObjectNode strings(Reader m, String... names) {
        ObjectNode o = Json.object();
        while (m.more()) {
            int k = m.varint32();
            int f = k >>> 3;
            if (f >= 1 && f <= names.length && (k & 7) == 2) {
                o.put(names[f - 1], m.string());
            } else {
                m.skip(k & 7);
            }
        }
        return o;
    }

    /** A protobuf wire-format reader over a slice of bytes. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw malformed();
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw malformed();
        }

        int varint32() {
            return (int) varint();
        }

        byte[] bytes() {
            int len = varint32();
            if (len < 0 || pos + len > end) {
                throw malformed();
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int len = varint32();
            if (len < 0 || pos + len > end) {
                throw malformed();
            }
            Reader r = new Reader(b, pos, pos + len);
            pos += len;
            return r;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw malformed();
            }
            if (pos > end) {
                throw malformed();
            }
        }

        private static ApiException malformed() {
            return ApiException.badRequest("malformed protobuf body");
        }
    }
}
