package io.flightdeck.sandbox.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.flightdeck.sandbox.api.TablePodTest.CRASHING;
import static io.flightdeck.sandbox.api.TablePodTest.NOW;
import static io.flightdeck.sandbox.api.TablePodTest.RUNNING;
import static io.flightdeck.sandbox.api.TablePodTest.parse;
import static io.flightdeck.sandbox.api.TableWorkloadTest.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableConversionTest {

    static final String KUBECTL_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    @Test
    void acceptNegotiation() {
        assertEquals(Tables.V1, Tables.tableApiVersion(KUBECTL_ACCEPT));
        assertEquals(Tables.V1BETA1, Tables.tableApiVersion("application/json;as=Table;v=v1beta1;g=meta.k8s.io"));
        assertEquals(Tables.V1BETA1, Tables.tableApiVersion("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5, "
                + "application/json;g=meta.k8s.io;as=Table;v=v1beta1"));
        assertEquals(Tables.V1, Tables.tableApiVersion("*/*;as=Table;g=meta.k8s.io;v=v1"));
        assertTrue(Tables.wantsTable(KUBECTL_ACCEPT));
        assertFalse(Tables.wantsTable("application/json"));
        assertFalse(Tables.wantsTable(null));
        assertFalse(Tables.wantsTable("application/json, */*"));
        assertFalse(Tables.wantsTable("application/vnd.kubernetes.protobuf,application/json"));
        // Not servable as asked (wrong group or version, YAML): the next clause decides.
        assertFalse(Tables.wantsTable("application/json;as=Table;v=v2;g=meta.k8s.io,application/json"));
        assertFalse(Tables.wantsTable("application/json;as=Table;v=v1,application/json"));
        assertEquals(Tables.V1, Tables.tableApiVersion(
                "application/yaml;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io"));
        // Metadata-only clients are answered with PartialObjectMetadataList, which is not a Table.
        assertFalse(Tables.wantsTable("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1;g=meta.k8s.io"));
    }

    @Test
    void listTableCarriesListMetaColumnsAndPartialObjectMetadata() {
        ObjectNode table = Tables.table(Kinds.POD, List.of(parse(RUNNING), parse(CRASHING)), (String) null, NOW,
                "4800", "eyJydiI6NDgwMCwic3RhcnQiOiJjaGVja291dCJ9");
        assertEquals(List.of("kind", "apiVersion", "metadata", "columnDefinitions", "rows"),
                new ArrayList<>(table.propertyNames()));
        assertEquals("Table", table.path("kind").asString());
        assertEquals("meta.k8s.io/v1", table.path("apiVersion").asString());
        assertEquals("{\"resourceVersion\":\"4800\",\"continue\":\"eyJydiI6NDgwMCwic3RhcnQiOiJjaGVja291dCJ9\"}",
                table.path("metadata").toString());
        assertEquals(9, table.path("columnDefinitions").size());
        JsonNode object = table.path("rows").get(0).path("object");
        assertEquals("PartialObjectMetadata", object.path("kind").asString());
        assertEquals("meta.k8s.io/v1", object.path("apiVersion").asString());
        assertEquals("cart-7d9f8b6c5-x2x9z", object.path("metadata").path("name").asString());
        assertEquals("7d9f8b6c5", object.path("metadata").path("labels").path("pod-template-hash").asString());
        assertEquals(List.of("kind", "apiVersion", "metadata"), new ArrayList<>(object.propertyNames()));
        assertEquals(2, table.path("rows").size());
    }

    @Test
    void includeObjectNoneObjectAndInvalid() {
        ObjectNode stored = parse(RUNNING);
        String before = stored.toString();
        JsonNode none = Tables.table(Kinds.POD, List.of(stored), "None", NOW, "1", null).path("rows").get(0);
        assertTrue(none.has("object") && none.path("object").isNull());
        JsonNode full = Tables.table(Kinds.POD, List.of(stored), "Object", NOW, "1", null)
                .path("rows").get(0).path("object");
        assertSame(stored, full, "a typed stored object is shared, not copied");
        ObjectNode untyped = parse("{\"metadata\": {\"name\": \"cfg\"}, \"data\": {\"a\": \"1\"}}");
        JsonNode typed = Tables.table(Kinds.CONFIG_MAP, List.of(untyped), "Object", NOW, "1", null)
                .path("rows").get(0).path("object");
        assertEquals("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cfg\"},"
                + "\"data\":{\"a\":\"1\"}}", typed.toString());
        assertFalse(untyped.has("kind"));
        ApiException e = assertThrows(ApiException.class,
                () -> Tables.table(Kinds.POD, List.of(stored), "Everything", NOW, "1", null));
        assertEquals(400, e.code());
        assertEquals("Unable to convert to Table as requested: includeObject: Invalid value: \"Everything\": "
                + "must be 'Metadata', 'Object', 'None', or empty", e.getMessage());
        assertEquals(before, stored.toString(), "the stored tree is unchanged");
    }

    @Test
    void v1beta1TableAndPartialObjects() {
        ObjectNode table = Tables.table(Kinds.POD, List.of(parse(RUNNING)),
                new Tables.Options(Tables.V1BETA1, "Metadata", false), NOW, "9", null);
        assertEquals("meta.k8s.io/v1beta1", table.path("apiVersion").asString());
        assertEquals("meta.k8s.io/v1beta1", table.path("rows").get(0).path("object").path("apiVersion").asString());
    }

    @Test
    void watchEventsCarryHeadersOnlyFirst() {
        Tables.Options first = new Tables.Options(Tables.V1, null, false);
        ObjectNode added = Tables.watchEvent("ADDED", Kinds.POD, parse(RUNNING), first, NOW);
        assertEquals("ADDED", added.path("type").asString());
        JsonNode table = added.path("object");
        assertEquals("Table", table.path("kind").asString());
        assertEquals("{\"resourceVersion\":\"4711\"}", table.path("metadata").toString());
        assertEquals(9, table.path("columnDefinitions").size());
        assertEquals(1, table.path("rows").size());

        ObjectNode modified = Tables.watchEvent("MODIFIED", Kinds.POD, parse(CRASHING), first.withoutHeaders(), NOW);
        assertTrue(modified.path("object").path("columnDefinitions").isNull());
        assertEquals("CrashLoopBackOff", modified.path("object").path("rows").get(0).path("cells").get(2).asString());

        ObjectNode status = parse("""
                {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                 "message": "too old resource version: 1 (4000)", "reason": "Expired", "code": 410}""");
        assertSame(status, Tables.watchEvent("ERROR", Kinds.POD, status, first, NOW).path("object"));
    }

    @Test
    void kindsWithoutAPrinterUseTheDefaultConvertor() {
        ObjectNode table = Tables.table(Kinds.SELF_SUBJECT_ACCESS_REVIEW, List.of(parse("""
                {"metadata": {"name": "review", "creationTimestamp": "2025-06-01T10:15:00+02:00"}}""")),
                "None", NOW, "", null);
        assertEquals("[{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"description\":\""
                + TableColumns.NAME_DOC + "\",\"priority\":0},{\"name\":\"Created At\",\"type\":\"date\","
                + "\"format\":\"\",\"description\":\"" + TableColumns.CREATED_DOC.replace("\n", "\\n")
                + "\",\"priority\":0}]", table.path("columnDefinitions").toString());
        assertEquals("[\"review\",\"2025-06-01T08:15:00Z\"]", table.path("rows").get(0).path("cells").toString());
        assertEquals("{}", table.path("metadata").toString());
        assertTrue(Tables.table(Kinds.SELF_SUBJECT_ACCESS_REVIEW, List.of(), "None", NOW, "5", null)
                .path("rows").isNull());
        assertEquals(0, Tables.table(Kinds.POD, List.of(), "None", NOW, "5", null).path("rows").size());
    }

    @Test
    void httpRouteUsesTheGatewayApiPrinterColumns() {
        ObjectNode table = Tables.table(Kinds.HTTP_ROUTE, List.of(parse("""
                {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                 "metadata": {"name": "checkout", "creationTimestamp": "2025-05-31T12:00:00Z"},
                 "spec": {"hostnames": ["shop.example.com", "www.shop.example.com"],
                          "rules": [{"backendRefs": [{"name": "checkout-stable", "port": 80, "weight": 90},
                                                     {"name": "checkout-canary", "port": 80, "weight": 10}]}]}}
                """), parse("{\"metadata\": {\"name\": \"internal\"}, \"spec\": {}}")), "None", NOW, "3", null);
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asString() + "/"
                + c.path("type").asString()));
        assertEquals(List.of("Name/string", "Hostnames/string", "Age/date"), columns);
        assertEquals("[\"checkout\",\"[\\\"shop.example.com\\\",\\\"www.shop.example.com\\\"]\",\"24h\"]",
                table.path("rows").get(0).path("cells").toString());
        assertEquals("[\"internal\",null,null]", table.path("rows").get(1).path("cells").toString());
    }

    @Test
    void coreAndEventsV1EventsPrintTheSame() {
        List<String> core = cells(Kinds.EVENT, """
                {"apiVersion": "v1", "kind": "Event",
                 "metadata": {"name": "checkout-5f6d7c8b9-k4m2p.17d3a", "namespace": "shop"},
                 "involvedObject": {"kind": "Pod", "name": "checkout-5f6d7c8b9-k4m2p", "namespace": "shop",
                                    "fieldPath": "spec.containers{checkout}"},
                 "reason": "BackOff", "type": "Warning",
                 "message": "Back-off restarting failed container checkout in pod checkout-5f6d7c8b9-k4m2p\\n",
                 "source": {"component": "kubelet", "host": "sandbox-node-2"},
                 "firstTimestamp": "2025-06-01T11:51:00Z", "lastTimestamp": "2025-06-01T11:59:40Z", "count": 23}
                """);
        assertEquals(List.of("20s", "Warning", "BackOff", "pod/checkout-5f6d7c8b9-k4m2p", "spec.containers{checkout}",
                "kubelet, sandbox-node-2", "Back-off restarting failed container checkout in pod "
                        + "checkout-5f6d7c8b9-k4m2p", "9m", "23", "checkout-5f6d7c8b9-k4m2p.17d3a"), core);
        List<String> v1 = cells(Kinds.EVENT_V1, """
                {"apiVersion": "events.k8s.io/v1", "kind": "Event",
                 "metadata": {"name": "checkout.17d3b", "namespace": "shop"},
                 "eventTime": "2025-06-01T11:58:00.123456Z", "reportingController": "deployment-controller",
                 "reportingInstance": "sandbox", "action": "Scaling", "reason": "ScalingReplicaSet",
                 "regarding": {"kind": "Deployment", "name": "checkout", "namespace": "shop"},
                 "note": "Scaled up replica set checkout-5f6d7c8b9 to 5 from 3", "type": "Normal",
                 "series": {"count": 3, "lastObservedTime": "2025-06-01T11:59:00.000000Z"}}
                """);
        assertEquals(List.of("60s", "Normal", "ScalingReplicaSet", "deployment/checkout", "",
                "deployment-controller, sandbox", "Scaled up replica set checkout-5f6d7c8b9 to 5 from 3", "119s",
                "3", "checkout.17d3b"), v1);
    }

    @Test
    void configMapNamespaceAndLease() {
        assertEquals(List.of("release-checkout", "3", "4h"), cells(Kinds.CONFIG_MAP, """
                {"metadata": {"name": "release-checkout", "creationTimestamp": "2025-06-01T08:00:00Z"},
                 "data": {"plan": "{}", "step": "2"}, "binaryData": {"journal": "AAEC"}}"""));
        assertEquals(List.of("shop", "Active", "12d"), cells(Kinds.NAMESPACE, """
                {"metadata": {"name": "shop", "creationTimestamp": "2025-05-20T12:00:00Z"},
                 "status": {"phase": "Active"}}"""));
        assertEquals("Terminating", cells(Kinds.NAMESPACE, """
                {"metadata": {"name": "old"}, "status": {"phase": "Terminating"}}""").get(1));
        assertEquals(List.of("release-shop-checkout", "alice@workstation-7", "90s"), cells(Kinds.LEASE, """
                {"metadata": {"name": "release-shop-checkout", "creationTimestamp": "2025-06-01T11:58:30Z"},
                 "spec": {"holderIdentity": "alice@workstation-7", "leaseDurationSeconds": 15}}"""));
        assertEquals("", cells(Kinds.LEASE, "{\"metadata\": {\"name\": \"free\"}, \"spec\": {}}").get(1));
        assertNull(Tables.tableApiVersion(""));
    }
}
