package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.store.ListResult;
import io.flightdeck.sandbox.store.Stored;

/**
 * Turns objects into response bodies in the form the client asked for: plain JSON, or a server-side printed Table
 * when the Accept header asks for {@code as=Table} (kubectl get). Any request thread.
 */
interface Printer {

    Reply one(ResourceKind kind, Stored object, ApiRequest request);

    Reply list(ResourceKind kind, ListResult result, ApiRequest request);

    /** How one watched object is written for this request: its JSON, or a one-row Table. */
    java.util.function.Function<Stored, byte[]> watchEncoder(ResourceKind kind, ApiRequest request);

    /** Plain JSON, whatever was asked. */
    Printer JSON = new Printer() {
        @Override
        public Reply one(ResourceKind kind, Stored object, ApiRequest request) {
            return Reply.json(200, object.json());
        }

        @Override
        public Reply list(ResourceKind kind, ListResult result, ApiRequest request) {
            return Reply.json(200, ResourceHandler.listJson(kind, result));
        }

        @Override
        public java.util.function.Function<Stored, byte[]> watchEncoder(ResourceKind kind, ApiRequest request) {
            return Stored::json;
        }
    };
}
