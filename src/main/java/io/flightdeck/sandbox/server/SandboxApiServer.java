package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import io.flightdeck.sandbox.store.Watch;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's Kubernetes API server: HTTP/1.1 and WebSocket on one loopback port (Vert.x), serving discovery,
 * OpenAPI and the resources of the {@link ObjectStore} with the apiserver's semantics. Authenticates bearer tokens,
 * authorizes against {@link SandboxRbac}, injects {@link Faults}. Requests run on the Vert.x event loops; store calls
 * are short, so nothing here blocks for long.
 */
public final class SandboxApiServer implements AutoCloseable {

    private static final Pattern POD_PROXY = Pattern.compile(
            "/api/v1/namespaces/([^/]+)/pods/([^/:]+)(?::([^/]+))?/proxy(/.*)?");
    private static final System.Logger LOG = System.getLogger(SandboxApiServer.class.getName());

    private final ObjectStore store;
    private final SandboxRbac rbac = new SandboxRbac();
    private final SandboxAuth auth = new SandboxAuth();
    private final Faults faults = new Faults();
    private final Vertx vertx;
    private final ResourceHandler resources;
    private final Printer printer;
    private final PodLogHandler logs;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private HttpServer server;
    private volatile PodProxy podProxy = PodProxy.NONE;

    public SandboxApiServer(ObjectStore store, PodLogSource logSource) {
        this.store = store;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        this.printer = Printers.create(store);
        this.resources = new ResourceHandler(store, rbac, printer);
        this.logs = new PodLogHandler(vertx, store, logSource);
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 picks a free port) and returns the port. */
    public int start(int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setMaxWebSocketFrameSize(16 * 1024 * 1024).setMaxWebSocketMessageSize(64 * 1024 * 1024)
                .setCompressionSupported(false).setIdleTimeout(0));
        server.requestHandler(this::onRequest);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the sandbox API server could not listen on 127.0.0.1:" + port + ": "
                    + rootMessage(e), e);
        }
        return server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    /** What pods answer through {@code pods/NAME[:PORT]/proxy/PATH}. */
    public void podProxy(PodProxy proxy) {
        this.podProxy = proxy;
    }

    public SandboxRbac rbac() {
        return rbac;
    }

    public SandboxAuth auth() {
        return auth;
    }

    public Faults faults() {
        return faults;
    }

    /** How many requests of a verb on a resource (e.g. "list", "pods") were served or refused since start. */
    public long requestCount(String verb, String plural) {
        LongAdder a = requests.get(verb + " " + plural);
        return a == null ? 0 : a.sum();
    }

    private void onRequest(HttpServerRequest req) {
        int fail = faults.failureFor();
        long delay = faults.delayMillis();
        if (fail != 0) {
            ApiException e = fail == 429
                    ? new ApiException(429, "TooManyRequests", "the server has received too many requests and has "
                    + "asked us to try again later")
                    : new ApiException(500, "InternalError", "Internal error occurred: injected fault");
            if (fail == 429) {
                req.response().putHeader("Retry-After", "1");
            }
            reply(req, Reply.error(e));
            return;
        }
        if (delay > 0) {
            req.pause();
            vertx.setTimer(delay, id -> {
                req.resume();
                dispatch(req);
            });
        } else {
            dispatch(req);
        }
    }

    private void dispatch(HttpServerRequest req) {
        String path = req.path();
        try {
            Optional<String> user = auth.authenticate(req.getHeader("Authorization"));
            if (user.isEmpty()) {
                reply(req, Reply.error(new ApiException(401, "Unauthorized", "Unauthorized")));
                return;
            }
            Optional<Reply> doc = Documents.lookup(req.uri(), req.method().name(), req.getHeader("Accept"));
            if (doc.isPresent()) {
                reply(req, doc.get());
                return;
            }
            Matcher proxy = POD_PROXY.matcher(path);
            if (proxy.matches()) {
                reply(req, proxy(req, proxy, user.get()));
                return;
            }
            Optional<RequestTarget> target = RequestTarget.parse(path);
            if (target.isEmpty()) {
                reply(req, Reply.error(new ApiException(404, "NotFound", "the server could not find the requested "
                        + "resource")));
                return;
            }
            if (req.method().name().equals("GET") || req.method().name().equals("DELETE") && !hasBody(req)) {
                serve(req, target.get(), new byte[0], user.get());
            } else {
                req.body().onSuccess(buf -> serveSafely(req, target.get(), buf, user.get()))
                        .onFailure(e -> reply(req, Reply.error(ApiException.badRequest("could not read the body: "
                                + e.getMessage()))));
            }
        } catch (ApiException e) {
            reply(req, Reply.error(e));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + req.method() + " " + req.uri() + " failed", e);
            reply(req, Reply.error(new ApiException(500, "InternalError", "Internal error occurred: " + e)));
        }
    }

    /** GET through the pod proxy, as the apiserver forwards it to the pod's port; RBAC "get pods/proxy". */
    private Reply proxy(HttpServerRequest req, Matcher m, String user) {
        String ns = m.group(1);
        String name = m.group(2);
        RequestTarget t = new RequestTarget(io.flightdeck.sandbox.api.Kinds.POD, ns, name, "proxy");
        String verb = req.method().name().equals("GET") ? "get" : req.method().name().toLowerCase();
        requests.computeIfAbsent(verb + " pods/proxy", k -> new LongAdder()).increment();
        if (!rbac.allowed(verb, t.rbacResource(), ns)) {
            throw forbidden(user, verb, t);
        }
        if (!verb.equals("get")) {
            throw new ApiException(405, "MethodNotAllowed", "the sandbox's pods answer GET only");
        }
        Stored pod = store.require(io.flightdeck.sandbox.api.Kinds.POD, ns, name);
        var status = pod.object().path("status");
        if (!status.path("phase").asString().equals("Running") || status.path("podIP").asString().isEmpty()) {
            throw new ApiException(503, "ServiceUnavailable", "error trying to reach service: pod " + name
                    + " is not running");
        }
        String port = m.group(3) == null ? "" : m.group(3);
        String sub = m.group(4) == null || m.group(4).isEmpty() ? "/" : m.group(4);
        return podProxy.get(pod, port, sub)
                .map(body -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                        body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .orElseGet(() -> new Reply(404, "text/plain; charset=utf-8",
                        "404 page not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static boolean hasBody(HttpServerRequest req) {
        String len = req.getHeader("Content-Length");
        return (len != null && !len.equals("0")) || req.getHeader("Transfer-Encoding") != null;
    }

    private void serveSafely(HttpServerRequest req, RequestTarget t, Buffer body, String user) {
        try {
            serve(req, t, body.getBytes(), user);
        } catch (ApiException e) {
            reply(req, Reply.error(e));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + req.method() + " " + req.uri() + " failed", e);
            reply(req, Reply.error(new ApiException(500, "InternalError", "Internal error occurred: " + e)));
        }
    }

    private void serve(HttpServerRequest req, RequestTarget t, byte[] body, String user) {
        Map<String, String> params = new HashMap<>();
        req.params().forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
        ApiRequest r = new ApiRequest(req.method().name(), t, params, req.getHeader("Content-Type"),
                req.getHeader("Accept"), body, user);
        String verb = r.verb();
        requests.computeIfAbsent(verb + " " + t.kind().plural(), k -> new LongAdder()).increment();
        if (!rbac.allowed(verb, t.rbacResource(), t.namespace())) {
            throw forbidden(user, verb, t);
        }
        if (verb.equals("watch")) {
            watch(req, r);
        } else if (t.subresource().equals("log") && r.method().equals("GET")) {
            logs.serve(req, r);
        } else {
            reply(req, resources.handle(r));
        }
    }

    private void watch(HttpServerRequest req, ApiRequest r) {
        RequestTarget t = r.target();
        LabelSelector labels = LabelSelector.parse(r.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(r.param("fieldSelector"), t.kind());
        String rvParam = r.param("resourceVersion");
        long from = rvParam == null || rvParam.isEmpty() ? 0 : ResourceHandler.parseInt(rvParam, 0);
        long timeout = ResourceHandler.parseInt(r.param("timeoutSeconds"), 1800);
        boolean bookmarks = r.flag("allowWatchBookmarks");
        var encoder = printer.watchEncoder(t.kind(), r);
        String head = "\"kind\":\"" + t.kind().kind() + "\",\"apiVersion\":\"" + t.kind().apiVersion() + "\"";
        if (isWebSocket(req)) {
            req.toWebSocket().onSuccess(ws -> open(WatchStream.overWebSocket(vertx, ws, encoder, head), t, labels,
                    fields, from, bookmarks, timeout)).onFailure(e -> LOG.log(System.Logger.Level.DEBUG,
                    "websocket upgrade failed", e));
        } else {
            open(WatchStream.overHttp(vertx, req.response(), encoder, head), t, labels, fields, from, bookmarks,
                    timeout);
        }
    }

    private void open(WatchStream stream, RequestTarget t, LabelSelector labels, FieldSelector fields, long from,
                      boolean bookmarks, long timeout) {
        try {
            Watch w = store.watch(t.kind(), t.namespace(), labels, fields, from, stream);
            stream.started(w, store.watches(), bookmarks, timeout);
        } catch (ApiException e) {
            stream.fail(Json.bytes(StatusBody.failure(e)));
        }
    }

    private static boolean isWebSocket(HttpServerRequest req) {
        String upgrade = req.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static ApiException forbidden(String user, String verb, RequestTarget t) {
        String where = t.namespace().isEmpty() ? "at the cluster scope" : "in the namespace \"" + t.namespace() + "\"";
        String msg = t.rbacResource() + (t.name().isEmpty() ? "" : " \"" + t.name() + "\"") + " is forbidden: User \""
                + user + "\" cannot " + verb + " resource \"" + t.rbacResource() + "\" in API group \""
                + t.kind().group() + "\" " + where;
        return new ApiException(403, "Forbidden", msg, t.kind(), t.name());
    }

    private static void reply(HttpServerRequest req, Reply reply) {
        if (req.response().ended()) {
            return;
        }
        req.response().setStatusCode(reply.code()).putHeader("Content-Type", reply.contentType())
                .putHeader("Cache-Control", "no-cache, private");
        reply.headers().forEach(req.response()::putHeader);
        if (req.method().name().equals("HEAD")) {
            req.response().end();
        } else {
            req.response().end(Buffer.buffer(reply.body()));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the sandbox API server", e);
        }
    }
}
