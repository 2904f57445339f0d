package io.flightdeck.sandbox.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A throwaway HTTP server on 127.0.0.1 for the client tests: GETs get {@link Discovery}'s documents or a canned object
 * by path, everything else a 404 Status. Every request is recorded as "METHOD URI" plus " [Content-Type] body" when
 * it has a body. Requests are handled on the server's dispatcher thread; tests read the record from theirs.
 */
final class DiscoveryTestServer implements AutoCloseable {

    private static final byte[] NOT_FOUND = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"not found\",\"reason\":\"NotFound\",\"code\":404}")
            .getBytes(StandardCharsets.UTF_8);

    private final Map<String, byte[]> objects;
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    DiscoveryTestServer(Map<String, byte[]> objects) throws IOException {
        this.objects = Map.copyOf(objects);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests since the last call, oldest first. */
    List<String> takeRequests() {
        List<String> taken = List.copyOf(requests);
        requests.clear();
        return taken;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String uri = exchange.getRequestURI().toString();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        requests.add(method + " " + uri + (type == null ? "" : " [" + type + "] " + body));
        Optional<DiscoveryResponse> doc = method.equals("GET")
                ? Discovery.lookup(uri, exchange.getRequestHeaders().getFirst("Accept")) : Optional.empty();
        byte[] answer = NOT_FOUND;
        int status = 404;
        String contentType = Discovery.JSON_TYPE;
        if (doc.isPresent()) {
            answer = doc.get().body();
            status = 200;
            contentType = doc.get().contentType();
            doc.get().headers().forEach(exchange.getResponseHeaders()::add);
        } else if (method.equals("GET") && objects.containsKey(exchange.getRequestURI().getPath())) {
            answer = objects.get(exchange.getRequestURI().getPath());
            status = 200;
        }
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
