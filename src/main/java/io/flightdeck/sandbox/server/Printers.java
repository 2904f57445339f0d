package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.ResourceKind;
import io.flightdeck.sandbox.api.Tables;
import io.flightdeck.sandbox.store.ListResult;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Function;

/**
 * Chooses the response form per request: server-side printed Tables when the Accept header asks for them (kubectl
 * get, also with -w), plain JSON otherwise. Ages are computed on the sandbox clock. Request threads; a watch encoder
 * runs on its connection's context only.
 */
final class Printers implements Printer {

    private final ObjectStore store;

    private Printers(ObjectStore store) {
        this.store = store;
    }

    static Printer create(ObjectStore store) {
        return new Printers(store);
    }

    @Override
    public Reply one(ResourceKind kind, Stored object, ApiRequest r) {
        Tables.Options o = options(r);
        if (o == null) {
            return JSON.one(kind, object, r);
        }
        return Reply.json(200, Tables.table(kind, List.of(object.object()), o, store.now(),
                Long.toString(object.resourceVersion()), ""));
    }

    @Override
    public Reply list(ResourceKind kind, ListResult result, ApiRequest r) {
        Tables.Options o = options(r);
        if (o == null) {
            return JSON.list(kind, result, r);
        }
        List<ObjectNode> objects = result.items().stream().map(Stored::object).toList();
        return Reply.json(200, Tables.table(kind, objects, o, store.now(), Long.toString(result.resourceVersion()),
                result.continueToken()));
    }

    @Override
    public Function<Stored, byte[]> watchEncoder(ResourceKind kind, ApiRequest r) {
        Tables.Options first = options(r);
        if (first == null) {
            return Stored::json;
        }
        return new Function<>() {
            private boolean headersSent;

            @Override
            public byte[] apply(Stored s) {
                Tables.Options o = headersSent ? first.withoutHeaders() : first;
                headersSent = true;
                return Json.bytes(Tables.table(kind, List.of(s.object()), o, store.now(),
                        Long.toString(s.resourceVersion()), ""));
            }
        };
    }

    private static Tables.Options options(ApiRequest r) {
        String version = Tables.tableApiVersion(r.accept());
        return version == null ? null : new Tables.Options(version, r.param("includeObject"), false);
    }
}
