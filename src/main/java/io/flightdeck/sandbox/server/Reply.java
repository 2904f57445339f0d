package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/** A finished HTTP answer: status code, content type, body and extra headers. Immutable. */
record Reply(int code, String contentType, byte[] body, Map<String, String> headers) {

    Reply(int code, String contentType, byte[] body) {
        this(code, contentType, body, Map.of());
    }

    static Reply json(int code, byte[] body) {
        return new Reply(code, "application/json", body);
    }

    static Reply json(int code, JsonNode body) {
        return json(code, Json.bytes(body));
    }

    static Reply error(ApiException e) {
        return json(e.code(), StatusBody.failure(e));
    }
}
