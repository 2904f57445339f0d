package io.flightdeck.sandbox.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's fake nodes ({@code sandbox-node-1..3}): which node gets the next pod (fewest pods first), pod IPs
 * from 10.244.0.0/16 (each node starts in its own block; addresses are only strings, never used on a network), and
 * each node's image cache, so that the first pod of an image on a node pulls it and later ones find it present.
 * Confined to the kubelet thread.
 */
final class NodePool {

    /** How a container gets its image: already present, or pulled until {@code readyAt}. */
    record Pull(boolean present, long readyAt, long pullMillis, long sizeBytes) {
    }

    private static final class Node {
        final String name;
        final String ip;
        final int firstAddress;
        final Map<String, Long> images = new HashMap<>();
        final Map<String, Long> pullMillis = new HashMap<>();
        int pods;

        Node(String name, String ip, int firstAddress) {
            this.name = name;
            this.ip = ip;
            this.firstAddress = firstAddress;
        }
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final BitSet usedAddresses = new BitSet(65536);

    NodePool(int count) {
        for (int i = 1; i <= count; i++) {
            node("sandbox-node-" + i);
        }
    }

    List<String> names() {
        return new ArrayList<>(nodes.keySet());
    }

    /** The node with the fewest pods; the first such in name order. */
    String pick() {
        Node best = null;
        for (Node n : nodes.values()) {
            if (n.name.startsWith("sandbox-node-") && (best == null || n.pods < best.pods)) {
                best = n;
            }
        }
        return best == null ? node("sandbox-node-1").name : best.name;
    }

    String hostIp(String node) {
        return node(node).ip;
    }

    void podAdded(String node) {
        node(node).pods++;
    }

    void podRemoved(String node) {
        Node n = nodes.get(node);
        if (n != null && n.pods > 0) {
            n.pods--;
        }
    }

    /** A free pod IP, looked for from the node's own block on, or "" when the range is full. */
    String allocateIp(String node) {
        int a = usedAddresses.nextClearBit(node(node).firstAddress);
        while (a < 65536 && (a % 256 == 0 || a % 256 == 255)) {
            a = usedAddresses.nextClearBit(a + 1);
        }
        if (a >= 65536) {
            a = usedAddresses.nextClearBit(257);
            if (a >= 65535) {
                return "";
            }
        }
        usedAddresses.set(a);
        return "10.244." + (a >> 8) + "." + (a & 0xff);
    }

    /** Marks an IP a pod already has as used (a pod adopted from the store). */
    void reserveIp(String ip) {
        int a = address(ip);
        if (a >= 0) {
            usedAddresses.set(a);
        }
    }

    void releaseIp(String ip) {
        int a = address(ip);
        if (a >= 0) {
            usedAddresses.clear(a);
        }
    }

    /**
     * Gets an image onto a node at time {@code t}: present when cached (and the policy is not Always); otherwise a
     * pull whose length depends on the image's (made-up, stable) size, shared with a pull of it already under way.
     */
    Pull pull(String node, String image, String pullPolicy, long t) {
        Node n = node(node);
        long size = imageSize(image);
        Long readyAt = n.images.get(image);
        boolean always = "Always".equals(pullPolicy)
                || pullPolicy.isEmpty() && "latest".equals(ImageBehaviour.tag(image));
        if (readyAt != null && readyAt > t) {
            return new Pull(false, readyAt, n.pullMillis.get(image), size);
        }
        if (readyAt != null && !always) {
            return new Pull(true, t, 0, size);
        }
        long millis = readyAt != null ? 300 + size % 400 : 600 + size / 50_000;
        n.images.put(image, t + millis);
        n.pullMillis.put(image, millis);
        return new Pull(false, t + millis, millis, size);
    }

    /** A stable made-up image size, 20 to 200 MB. */
    static long imageSize(String image) {
        byte[] h = sha256(image);
        return 20_000_000L + (h[0] & 0xffL) * 705_882L + (h[1] & 0xffL) * 2_750L;
    }

    /** The image's digest-style ID as containerd reports it: {@code registry/repo@sha256:...}. */
    static String imageId(String image) {
        String ref = image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            return normalizeRepo(ref.substring(0, at)) + ref.substring(at);
        }
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            ref = ref.substring(0, colon);
        }
        return normalizeRepo(ref) + "@sha256:" + HexFormat.of().formatHex(sha256(image));
    }

    private static String normalizeRepo(String repo) {
        int slash = repo.indexOf('/');
        if (slash < 0) {
            return "docker.io/library/" + repo;
        }
        String first = repo.substring(0, slash);
        if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
            return "docker.io/" + repo;
        }
        return repo;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Node node(String name) {
        return nodes.computeIfAbsent(name, k -> {
            int i = nodes.size();
            int firstAddress = (1 + (i % 3) * 80) * 256 + 1;
            return new Node(k, "172.18.0." + (2 + i % 250), firstAddress);
        });
    }

    private static int address(String ip) {
        if (ip == null || !ip.startsWith("10.244.")) {
            return -1;
        }
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[2]) * 256 + Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
