package io.flightdeck.sandbox.api;

import java.util.Map;

/**
 * A discovery or OpenAPI document ready to send with status 200: its Content-Type, its bytes and further headers
 * (Vary, ETag, Cache-Control). Built by {@link Discovery} on the server's request threads; the body is a private copy
 * the caller may keep.
 *
 * @param contentType the exact Content-Type header; clients tell aggregated discovery from the legacy form by it
 * @param body        the JSON document
 * @param headers     headers to add to the response
 */
public record DiscoveryResponse(String contentType, byte[] body, Map<String, String> headers) {

    public DiscoveryResponse {
        headers = Map.copyOf(headers);
    }
}
