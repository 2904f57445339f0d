package io.flightdeck.sandbox.sim;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code pod-template-hash} of a pod template, as controller.ComputeHash makes it: FNV-1a (32 bit) over the
 * template, then the collision count's little-endian bytes when there is one, the decimal of the sum encoded with
 * the apiserver's safe alphabet. The template is hashed as canonical JSON (keys sorted; null and empty members left
 * out, as Go's zero values) instead of Go's object dump, so semantically equal templates hash equally whoever wrote
 * them; the decimal is padded to ten digits. Stateless; any thread.
 */
final class TemplateHash {

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private TemplateHash() {
    }

    static String compute(JsonNode template, Integer collisionCount) {
        StringBuilder canonical = new StringBuilder(1024);
        write(template, canonical);
        int h = FNV_OFFSET;
        for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        if (collisionCount != null) {
            int c = collisionCount;
            byte[] bytes = {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0};
            for (byte b : bytes) {
                h = (h ^ (b & 0xff)) * FNV_PRIME;
            }
        }
        String decimal = String.format("%010d", Integer.toUnsignedLong(h));
        return safeEncode(decimal);
    }

    /** rand.SafeEncodeString: each byte mapped into the alphabet without vowels and look-alikes. */
    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(ALPHANUMS.charAt((b & 0xff) % ALPHANUMS.length()));
        }
        return out.toString();
    }

    private static void write(JsonNode n, StringBuilder sb) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(n.properties());
            entries.sort(Map.Entry.comparingByKey());
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : entries) {
                if (DeploymentUtil.isEmpty(e.getValue())) {
                    continue;
                }
                sb.append(first ? "" : ",").append(FieldErrors.quote(e.getKey())).append(':');
                write(e.getValue(), sb);
                first = false;
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isString()) {
            sb.append(FieldErrors.quote(n.asString()));
        } else {
            sb.append(n.asString());
        }
    }
}
