package io.flightdeck.sandbox.server;

import java.util.Optional;

/** Routes discovery and OpenAPI paths (/version, /api, /apis, /openapi/...) to their documents. Request threads. */
final class Documents {

    private Documents() {
    }

    static Optional<Reply> lookup(String path, String accept) {
        return Optional.empty();
    }
}
