package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pods/NAME/log} endpoint: container, previous, tailLines, sinceSeconds, sinceTime, timestamps and
 * follow, with the kubelet's errors for a missing or waiting container. Following streams new lines over chunked HTTP
 * until the client leaves or the pod is gone. Request threads; follow lines arrive on any thread and are written on
 * the request's context.
 */
final class PodLogHandler {

    private final Vertx vertx;
    private final ObjectStore store;
    private final PodLogSource source;

    PodLogHandler(Vertx vertx, ObjectStore store, PodLogSource source) {
        this.vertx = vertx;
        this.store = store;
        this.source = source;
    }

    void serve(HttpServerRequest req, ApiRequest r) {
        RequestTarget t = r.target();
        Stored pod = store.require(t.kind(), t.namespace(), t.name());
        String container = container(pod, r.param("container"));
        boolean previous = r.flag("previous");
        checkStarted(pod, container, previous);
        boolean timestamps = r.flag("timestamps");
        Instant since = since(r);
        int tail = ResourceHandler.parseInt(r.param("tailLines"), -1);
        List<PodLogSource.LogLine> lines = new ArrayList<>();
        for (PodLogSource.LogLine l : source.lines(pod, container, previous)) {
            if (since == null || !l.time().isBefore(since)) {
                lines.add(l);
            }
        }
        if (tail >= 0 && lines.size() > tail) {
            lines = lines.subList(lines.size() - tail, lines.size());
        }
        HttpServerResponse resp = req.response();
        resp.setStatusCode(200).putHeader("Content-Type", "text/plain");
        StringBuilder sb = new StringBuilder();
        for (PodLogSource.LogLine l : lines) {
            append(sb, l, timestamps);
        }
        if (!r.flag("follow") || previous) {
            resp.end(sb.toString());
            return;
        }
        resp.setChunked(true);
        if (!sb.isEmpty()) {
            resp.write(sb.toString());
        } else {
            resp.writeHead();
        }
        Context ctx = vertx.getOrCreateContext();
        AutoCloseable handle = source.follow(pod, container, l -> ctx.runOnContext(v -> {
            if (!resp.ended() && !resp.closed()) {
                StringBuilder one = new StringBuilder();
                append(one, l, timestamps);
                resp.write(Buffer.buffer(one.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }));
        long timer = vertx.setPeriodic(1000, id -> {
            Stored now = store.get(t.kind(), t.namespace(), t.name());
            if (now == null || !now.uid().equals(pod.uid())) {
                vertx.cancelTimer(id);
                closeQuietly(handle);
                if (!resp.ended()) {
                    resp.end();
                }
            }
        });
        resp.closeHandler(v -> {
            vertx.cancelTimer(timer);
            closeQuietly(handle);
        });
    }

    private static void append(StringBuilder sb, PodLogSource.LogLine l, boolean timestamps) {
        if (timestamps) {
            sb.append(DateTimeFormatter.ISO_INSTANT.format(l.time())).append(' ');
        }
        sb.append(l.text()).append('\n');
    }

    private static Instant since(ApiRequest r) {
        if (r.param("sinceTime") != null) {
            try {
                return Instant.parse(r.param("sinceTime"));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("invalid sinceTime: " + r.param("sinceTime"));
            }
        }
        if (r.param("sinceSeconds") != null) {
            int s = ResourceHandler.parseInt(r.param("sinceSeconds"), 0);
            if (s < 1) {
                throw ApiException.badRequest("PodLogOptions is invalid: sinceSeconds: Invalid value: " + s
                        + ": must be greater than 0");
            }
            return Instant.now().minusSeconds(s);
        }
        return null;
    }

    private static String container(Stored pod, String asked) {
        JsonNode containers = pod.object().path("spec").path("containers");
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.path("name").asString()));
        if (asked == null || asked.isEmpty()) {
            if (names.size() == 1) {
                return names.get(0);
            }
            throw ApiException.badRequest("a container name must be specified for pod " + pod.name()
                    + ", choose one of: " + names);
        }
        if (!names.contains(asked)) {
            throw ApiException.badRequest("container " + asked + " is not valid for pod " + pod.name());
        }
        return asked;
    }

    private static void checkStarted(Stored pod, String container, boolean previous) {
        for (JsonNode cs : pod.object().path("status").path("containerStatuses")) {
            if (!cs.path("name").asString().equals(container)) {
                continue;
            }
            if (previous && cs.path("lastState").path("terminated").isMissingNode()) {
                throw ApiException.badRequest("previous terminated container \"" + container + "\" in pod \""
                        + pod.name() + "\" not found");
            }
            JsonNode waiting = cs.path("state").path("waiting");
            if (!previous && waiting.isObject() && cs.path("restartCount").asInt(0) == 0) {
                throw ApiException.badRequest("container \"" + container + "\" in pod \"" + pod.name()
                        + "\" is waiting to start: " + waiting.path("reason").asString());
            }
            return;
        }
        throw ApiException.badRequest("container \"" + container + "\" in pod \"" + pod.name()
                + "\" is waiting to start: ContainerCreating");
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the follow subscription is gone either way
        }
    }
}
