package io.flightdeck.sandbox.server;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.Json;
import tools.jackson.databind.node.ObjectNode;

/** Builds Kubernetes {@code Status} bodies for failed and some successful requests. Stateless; any thread. */
final class StatusBody {

    private StatusBody() {
    }

    static ObjectNode failure(ApiException e) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", e.getMessage());
        s.put("reason", e.reason());
        if (e.detailsKind() != null || e.detailsName() != null || !e.causes().isEmpty()) {
            ObjectNode d = s.putObject("details");
            if (e.detailsName() != null) {
                d.put("name", e.detailsName());
            }
            if (e.detailsGroup() != null && !e.detailsGroup().isEmpty()) {
                d.put("group", e.detailsGroup());
            }
            if (e.detailsKind() != null) {
                d.put("kind", e.detailsKind());
            }
            if (!e.causes().isEmpty()) {
                var causes = d.putArray("causes");
                for (ApiException.Cause c : e.causes()) {
                    causes.addObject().put("reason", c.reason()).put("message", c.message()).put("field", c.field());
                }
            }
        }
        s.put("code", e.code());
        return s;
    }

    static ObjectNode success() {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        return s;
    }
}
