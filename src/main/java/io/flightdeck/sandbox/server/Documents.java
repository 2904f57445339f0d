package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.Discovery;

import java.util.Optional;

/** Routes discovery and OpenAPI paths (/version, /api, /apis, /openapi/v3/...) to their documents. Request threads. */
final class Documents {

    private Documents() {
    }

    static Optional<Reply> lookup(String uri, String method, String accept) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        return Discovery.lookup(uri, accept).map(d -> new Reply(200, d.contentType(), d.body(), d.headers()));
    }
}
