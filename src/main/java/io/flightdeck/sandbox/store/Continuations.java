package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Encodes and decodes list continue tokens (the list's resourceVersion and the last key sent). Any thread. */
final class Continuations {

    record Token(long resourceVersion, String lastKey) {
    }

    String encode(long resourceVersion, String lastKey) {
        String raw = "{\"v\":\"meta.k8s.io/v1\",\"rv\":" + resourceVersion + ",\"start\":\"" + lastKey + "\\u0000\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    Token decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            var node = io.flightdeck.sandbox.api.Json.MAPPER.readTree(raw);
            String start = node.path("start").asString();
            if (start.endsWith("\u0000")) {
                start = start.substring(0, start.length() - 1);
            }
            long rv = node.path("rv").asLong(-1);
            if (rv < 0 || start.isEmpty()) {
                throw new IllegalArgumentException();
            }
            return new Token(rv, start);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("continue key is not valid: " + token);
        }
    }
}
