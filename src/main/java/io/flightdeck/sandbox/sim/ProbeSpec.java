package io.flightdeck.sandbox.sim;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One container probe as the kubelet reads it from the pod spec (handler, port, path, timing and thresholds, with the
 * API's defaults for missing fields), and the output text the kubelet's prober reports when it fails. Immutable; any
 * thread.
 */
record ProbeSpec(Kind kind, Handler handler, String scheme, String host, int port, String path, List<String> command,
                 int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int successThreshold,
                 int failureThreshold) {

    /** The probe types, with the word the kubelet's events use. */
    enum Kind {
        STARTUP("Startup", "startupProbe"), READINESS("Readiness", "readinessProbe"),
        LIVENESS("Liveness", "livenessProbe");

        final String word;
        final String field;

        Kind(String word, String field) {
            this.word = word;
            this.field = field;
        }
    }

    enum Handler { HTTP, TCP, EXEC, GRPC }

    /** The container's probe of this kind, or null when it has none. */
    static ProbeSpec parse(Kind kind, JsonNode container) {
        JsonNode p = container.path(kind.field);
        if (!p.isObject()) {
            return null;
        }
        JsonNode ports = container.path("ports");
        Handler handler;
        JsonNode h;
        if (p.has("httpGet")) {
            handler = Handler.HTTP;
            h = p.path("httpGet");
        } else if (p.has("tcpSocket")) {
            handler = Handler.TCP;
            h = p.path("tcpSocket");
        } else if (p.has("grpc")) {
            handler = Handler.GRPC;
            h = p.path("grpc");
        } else {
            handler = Handler.EXEC;
            h = p.path("exec");
        }
        List<String> command = new ArrayList<>();
        h.path("command").forEach(c -> command.add(c.asString()));
        int successThreshold = kind == Kind.READINESS ? positive(p, "successThreshold", 1) : 1;
        return new ProbeSpec(kind, handler, h.path("scheme").asString("HTTP").toLowerCase(Locale.ROOT),
                h.path("host").asString(""), port(h.path("port"), ports), h.path("path").asString("/"),
                List.copyOf(command), Math.max(0, p.path("initialDelaySeconds").asInt(0)),
                positive(p, "periodSeconds", 10), positive(p, "timeoutSeconds", 1), successThreshold,
                positive(p, "failureThreshold", 3));
    }

    private static int positive(JsonNode p, String field, int dflt) {
        int v = p.path(field).asInt(0);
        return v > 0 ? v : dflt;
    }

    /** A numeric port, or a named one resolved against the container's ports; -1 when it does not resolve. */
    static int port(JsonNode port, JsonNode containerPorts) {
        if (port.isNumber()) {
            return port.asInt();
        }
        String name = port.asString("");
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        for (JsonNode cp : containerPorts) {
            if (name.equals(cp.path("name").asString())) {
                return cp.path("containerPort").asInt();
            }
        }
        return -1;
    }

    long periodMillis() {
        return periodSeconds * 1000L;
    }

    long initialDelayMillis() {
        return initialDelaySeconds * 1000L;
    }

    /**
     * The prober's output for one probe, or null when it passes: {@code httpStatus} is what the app answers on the
     * probed endpoint, 0 when it does not listen yet. A TCP probe only needs the port to be open, unless a fault is
     * {@code forced} on it.
     */
    String failure(int httpStatus, boolean forced, String podIp) {
        String ip = host.isEmpty() ? podIp : host;
        String address = ip + ":" + port;
        String refused = "dial tcp " + address + ": connect: connection refused";
        return switch (handler) {
            case HTTP -> httpStatus == 0
                    ? "Get \"" + scheme + "://" + address + path + "\": " + refused
                    : httpStatus >= 400 ? "HTTP probe failed with statuscode: " + httpStatus : null;
            case TCP -> httpStatus == 0 || forced ? refused : null;
            case GRPC -> httpStatus == 0
                    ? "timeout: failed to connect service \"" + address + "\" within " + timeoutSeconds + "s"
                    : httpStatus >= 400 ? "service unhealthy (responded with \"NOT_SERVING\")" : null;
            case EXEC -> httpStatus == 0 || httpStatus >= 400
                    ? "command \"" + String.join(" ", command) + "\" exited with code 1" : null;
        };
    }
}
