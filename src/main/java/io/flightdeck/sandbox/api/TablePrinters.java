package io.flightdeck.sandbox.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Picks the apiserver's table printer for a kind and holds the row functions of the simpler kinds: the cells of
 * printDeployment, printReplicaSet, printConfigMap, printNamespace and printLease (pkg/printers/internalversion,
 * Kubernetes 1.32, always generated wide as the server does), the Gateway API HTTPRoute CRD's printer columns, and
 * rest.DefaultTableConvertor for the rest. Objects are read as stored (v1); where the internal type would carry a
 * default (replicas 1, phase Active) the default is used. Stateless; any thread.
 */
final class TablePrinters {

    /** Columns and the function that makes one row of cells from an object at a given time. */
    record Printer(List<TableColumns.Column> columns, BiFunction<ObjectNode, Instant, Row> row) {
    }

    /** One metav1.TableRow under construction: cells in column order, and row conditions or null. */
    static final class Row {
        final ArrayNode cells = Json.NODES.arrayNode();
        final ArrayNode conditions;

        Row(ArrayNode conditions) {
            this.conditions = conditions;
        }

        Row add(String cell) {
            cells.add(cell);
            return this;
        }

        Row add(long cell) {
            cells.add(cell);
            return this;
        }

        Row addNull() {
            cells.addNull();
            return this;
        }
    }

    private static final Printer DEPLOYMENT = new Printer(TableColumns.DEPLOYMENT, TablePrinters::deployment);
    private static final Printer REPLICA_SET = new Printer(TableColumns.REPLICA_SET, TablePrinters::replicaSet);
    private static final Printer POD = new Printer(TableColumns.POD, PodPrinter::row);
    private static final Printer SERVICE = new Printer(TableColumns.SERVICE, ServicePrinters::service);
    private static final Printer ENDPOINTS = new Printer(TableColumns.ENDPOINTS, ServicePrinters::endpoints);
    private static final Printer ENDPOINT_SLICE = new Printer(TableColumns.ENDPOINT_SLICE, ServicePrinters::slice);
    private static final Printer CONFIG_MAP = new Printer(TableColumns.CONFIG_MAP, (o, now) -> named(o)
            .add(o.path("data").size() + o.path("binaryData").size()).add(age(o, now)));
    private static final Printer NAMESPACE = new Printer(TableColumns.NAMESPACE, (o, now) -> named(o)
            .add(o.path("status").path("phase").asString("Active")).add(age(o, now)));
    private static final Printer EVENT = new Printer(TableColumns.EVENT, EventPrinter::row);
    private static final Printer LEASE = new Printer(TableColumns.LEASE, (o, now) -> named(o)
            .add(o.path("spec").path("holderIdentity").asString("")).add(age(o, now)));
    private static final Printer HTTP_ROUTE = new Printer(TableColumns.HTTP_ROUTE, TablePrinters::httpRoute);
    private static final Printer DEFAULT = new Printer(TableColumns.DEFAULT, (o, now) -> named(o).add(
            Timestamps.rfc3339(orGoZero(Timestamps.parse(o.path("metadata").path("creationTimestamp"))))));

    private TablePrinters() {
    }

    static Printer forKind(ResourceKind kind) {
        String key = kind.group() + "/" + kind.kind();
        return switch (key) {
            case "/Pod" -> POD;
            case "apps/Deployment" -> DEPLOYMENT;
            case "apps/ReplicaSet" -> REPLICA_SET;
            case "/Service" -> SERVICE;
            case "/Endpoints" -> ENDPOINTS;
            case "discovery.k8s.io/EndpointSlice" -> ENDPOINT_SLICE;
            case "/ConfigMap" -> CONFIG_MAP;
            case "/Namespace" -> NAMESPACE;
            case "/Event", "events.k8s.io/Event" -> EVENT;
            case "coordination.k8s.io/Lease" -> LEASE;
            case "gateway.networking.k8s.io/HTTPRoute" -> HTTP_ROUTE;
            default -> DEFAULT;
        };
    }

    private static Row deployment(ObjectNode d, Instant now) {
        JsonNode status = d.path("status");
        String selector = SelectorFormat.selectorString(d.path("spec").path("selector"));
        return named(d)
                .add(status.path("readyReplicas").asLong(0) + "/" + d.path("spec").path("replicas").asLong(1))
                .add(status.path("updatedReplicas").asLong(0))
                .add(status.path("availableReplicas").asLong(0))
                .add(age(d, now))
                .add(containers(d, "name")).add(containers(d, "image"))
                .add(selector == null ? "<invalid>" : selector);
    }

    private static Row replicaSet(ObjectNode rs, Instant now) {
        JsonNode status = rs.path("status");
        return named(rs)
                .add(rs.path("spec").path("replicas").asLong(1))
                .add(status.path("replicas").asLong(0))
                .add(status.path("readyReplicas").asLong(0))
                .add(age(rs, now))
                .add(containers(rs, "name")).add(containers(rs, "image"))
                .add(SelectorFormat.labelSelector(rs.path("spec").path("selector")));
    }

    /** The CRD table convertor over the Gateway API's columns: .spec.hostnames (as JSON) and Age. */
    private static Row httpRoute(ObjectNode route, Instant now) {
        Row row = named(route);
        JsonNode hostnames = route.path("spec").path("hostnames");
        if (hostnames.isMissingNode() || hostnames.isNull()) {
            row.addNull();
        } else {
            row.add(hostnames.isContainer() ? Json.MAPPER.writeValueAsString(hostnames) : hostnames.asString(""));
        }
        JsonNode created = route.path("metadata").path("creationTimestamp");
        if (!created.isString()) {
            return row.addNull();
        }
        String s = created.asString();
        Instant t = Timestamps.parse(s);
        if (t == null) {
            return row.add(s.isEmpty() || s.equals("null") ? "<unknown>" : "<invalid>");
        }
        return row.add(Durations.human(Duration.between(t, now)));
    }

    static Row named(ObjectNode o) {
        return new Row(null).add(o.path("metadata").path("name").asString(""));
    }

    static String age(ObjectNode o, Instant now) {
        return Durations.since(o.path("metadata").path("creationTimestamp").asString(null), now);
    }

    /** Whether an optional metav1.Time is set (deletionTimestamp): present, non-null and not Go's zero time. */
    static boolean isSet(JsonNode timestamp) {
        return timestamp.isString() && !timestamp.asString().isEmpty();
    }

    /** layoutContainerCells: the template's container names, or images, joined by commas. */
    private static String containers(ObjectNode o, String field) {
        return join(o.path("spec").path("template").path("spec").path("containers"), field);
    }

    /** strings.Join of one field of each element (or of the elements themselves when field is null). */
    static String join(JsonNode elements, String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            JsonNode e = field == null ? elements.get(i) : elements.get(i).path(field);
            sb.append(i == 0 ? "" : ",").append(e.asString(""));
        }
        return sb.toString();
    }

    private static Instant orGoZero(Instant t) {
        return t == null ? Timestamps.GO_ZERO : t;
    }
}
